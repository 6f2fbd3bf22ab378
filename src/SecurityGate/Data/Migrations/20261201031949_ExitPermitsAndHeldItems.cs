using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExitPermitsAndHeldItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exit_permits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    items = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    carried_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    checked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    exited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_permits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "held_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    items = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    carried_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    permit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    held_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    held_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_held_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exit_permits_estate_id_requested_at_id",
                table: "exit_permits",
                columns: new[] { "estate_id", "requested_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_held_items_estate_id_held_at_id",
                table: "held_items",
                columns: new[] { "estate_id", "held_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exit_permits");

            migrationBuilder.DropTable(
                name: "held_items");
        }
    }
}
