using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeterReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meter_readings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meter = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    read_on = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meter_readings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meter_readings_billable_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "billable_units",
                        principalColumn: "unit_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "parking_rentals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    space = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    rented_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_rentals", x => x.id);
                    table.ForeignKey(
                        name: "fk_parking_rentals_billable_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "billable_units",
                        principalColumn: "unit_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meter_readings_estate_id_meter_read_on",
                table: "meter_readings",
                columns: new[] { "estate_id", "meter", "read_on" });

            migrationBuilder.CreateIndex(
                name: "ix_meter_readings_unit_id_meter_read_on",
                table: "meter_readings",
                columns: new[] { "unit_id", "meter", "read_on" });

            migrationBuilder.CreateIndex(
                name: "ix_meter_readings_unit_id_meter_recorded_at_id",
                table: "meter_readings",
                columns: new[] { "unit_id", "meter", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_meter_readings_unit_id_recorded_at_id",
                table: "meter_readings",
                columns: new[] { "unit_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_rentals_estate_id_from",
                table: "parking_rentals",
                columns: new[] { "estate_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_rentals_estate_id_space_from",
                table: "parking_rentals",
                columns: new[] { "estate_id", "space", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_rentals_unit_id_rented_at_id",
                table: "parking_rentals",
                columns: new[] { "unit_id", "rented_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meter_readings");

            migrationBuilder.DropTable(
                name: "parking_rentals");
        }
    }
}
