using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpecialVehiclesAndRenovationSites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "renovation_sites",
                columns: table => new
                {
                    permit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contractor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    workers = table.Column<List<string>>(type: "text[]", nullable: false),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renovation_sites", x => x.permit_id);
                });

            migrationBuilder.CreateTable(
                name: "special_vehicles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plate = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_special_vehicles", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_renovation_sites_estate_id_unit_id",
                table: "renovation_sites",
                columns: new[] { "estate_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_special_vehicles_estate_id_plate",
                table: "special_vehicles",
                columns: new[] { "estate_id", "plate" });

            migrationBuilder.CreateIndex(
                name: "ix_special_vehicles_estate_id_registered_at_id",
                table: "special_vehicles",
                columns: new[] { "estate_id", "registered_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "renovation_sites");

            migrationBuilder.DropTable(
                name: "special_vehicles");
        }
    }
}
