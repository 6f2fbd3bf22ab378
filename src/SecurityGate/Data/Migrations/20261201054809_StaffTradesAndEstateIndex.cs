using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffTradesAndEstateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "trades",
                table: "staff_members",
                type: "text[]",
                nullable: false,
                // Staff already known get their trades with their next StaffChanged; security-gate does not read them.
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_estate_ids",
                table: "staff_members",
                column: "estate_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_staff_members_estate_ids",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "trades",
                table: "staff_members");
        }
    }
}
