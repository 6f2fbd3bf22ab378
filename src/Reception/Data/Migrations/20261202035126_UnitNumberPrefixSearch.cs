using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <summary>
    /// Finding an estate's units by the start of their number, whatever the case (<c>lower(number) LIKE '15%'</c>): an
    /// expression index, which EF's model cannot describe, so it is written here and named in RegistryApi.ListUnits.
    /// text_pattern_ops serves LIKE prefixes whatever the database's collation.
    /// </summary>
    public partial class UnitNumberPrefixSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_units_estate_id_number_prefix ON units (estate_id, lower(number) text_pattern_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_units_estate_id_number_prefix;");
        }
    }
}
