using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class HandoverDefects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "handover_defects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failed_checks = table.Column<int>(type: "integer", nullable: false),
                    verified_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_check_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handover_defects", x => x.id);
                    table.ForeignKey(
                        name: "fk_handover_defects_customer_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "customer_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_handover_defects_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_handover_defects_estate_id_status_recorded_at_id",
                table: "handover_defects",
                columns: new[] { "estate_id", "status", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_handover_defects_request_id",
                table: "handover_defects",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_handover_defects_unit_id_recorded_at_id",
                table: "handover_defects",
                columns: new[] { "unit_id", "recorded_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "handover_defects");
        }
    }
}
