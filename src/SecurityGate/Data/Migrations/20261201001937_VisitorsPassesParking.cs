using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class VisitorsPassesParking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "parking_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plate = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    exited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    fee = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    entered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    exited_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parking_tariffs",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    free_minutes = table.Column<int>(type: "integer", nullable: false),
                    hourly_rate = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_tariffs", x => x.estate_id);
                });

            migrationBuilder.CreateTable(
                name: "pass_uses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pass_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    offline = table.Column<bool>(type: "boolean", nullable: false),
                    irregularity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pass_uses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resident_vehicles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plate = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deregistered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_vehicles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_owners",
                columns: table => new
                {
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_owners", x => new { x.unit_id, x.owner_id });
                });

            migrationBuilder.CreateTable(
                name: "unit_residents",
                columns: table => new
                {
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: true),
                    moved_out_on = table.Column<DateOnly>(type: "date", nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_residents", x => x.resident_id);
                });

            migrationBuilder.CreateTable(
                name: "visitor_passes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    visitor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visitor_passes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    visitor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    id_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    host_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    refusal_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pass_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visits", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_parking_sessions_estate_id_entered_at_id",
                table: "parking_sessions",
                columns: new[] { "estate_id", "entered_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_sessions_estate_id_plate",
                table: "parking_sessions",
                columns: new[] { "estate_id", "plate" },
                unique: true,
                filter: "exited_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pass_uses_pass_id_used_at",
                table: "pass_uses",
                columns: new[] { "pass_id", "used_at" });

            migrationBuilder.CreateIndex(
                name: "ix_resident_vehicles_estate_id_plate",
                table: "resident_vehicles",
                columns: new[] { "estate_id", "plate" },
                unique: true,
                filter: "deregistered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_resident_vehicles_resident_id",
                table: "resident_vehicles",
                column: "resident_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_residents_unit_id",
                table: "unit_residents",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_visitor_passes_estate_id_unit_id_issued_at_id",
                table: "visitor_passes",
                columns: new[] { "estate_id", "unit_id", "issued_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_visits_estate_id_arrived_at_id",
                table: "visits",
                columns: new[] { "estate_id", "arrived_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parking_sessions");

            migrationBuilder.DropTable(
                name: "parking_tariffs");

            migrationBuilder.DropTable(
                name: "pass_uses");

            migrationBuilder.DropTable(
                name: "resident_vehicles");

            migrationBuilder.DropTable(
                name: "unit_owners");

            migrationBuilder.DropTable(
                name: "unit_residents");

            migrationBuilder.DropTable(
                name: "visitor_passes");

            migrationBuilder.DropTable(
                name: "visits");
        }
    }
}
