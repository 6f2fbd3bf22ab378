using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Maintenance.Data.Migrations
{
    /// <inheritdoc />
    public partial class SharedStaffReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Maintenance's trade certifications become the shared read model's certifications (trade or post), kept row for row.
            migrationBuilder.RenameTable(name: "trade_certifications", newName: "certifications");
            migrationBuilder.Sql("ALTER TABLE certifications RENAME CONSTRAINT pk_trade_certifications TO pk_certifications;");

            migrationBuilder.DropIndex(
                name: "ix_trade_certifications_staff_id_trade",
                table: "certifications");

            migrationBuilder.AlterColumn<string>(
                name: "trade",
                table: "certifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "post",
                table: "certifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_certifications_staff_id_trade_post",
                table: "certifications",
                columns: new[] { "staff_id", "trade", "post" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Post certifications are security-gate's; maintenance's own table never held them.
            migrationBuilder.Sql("DELETE FROM certifications WHERE trade IS NULL;");

            migrationBuilder.DropIndex(
                name: "ix_certifications_staff_id_trade_post",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "post",
                table: "certifications");

            migrationBuilder.AlterColumn<string>(
                name: "trade",
                table: "certifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.Sql("ALTER TABLE certifications RENAME CONSTRAINT pk_certifications TO pk_trade_certifications;");
            migrationBuilder.RenameTable(name: "certifications", newName: "trade_certifications");

            migrationBuilder.CreateIndex(
                name: "ix_trade_certifications_staff_id_trade",
                table: "trade_certifications",
                columns: new[] { "staff_id", "trade" });
        }
    }
}
