using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryImportsResidentsMoveIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "move_ins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: false),
                    documents_checked = table.Column<bool>(type: "boolean", nullable: false),
                    keys_handed_over = table.Column<int>(type: "integer", nullable: false),
                    water_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: false),
                    electricity_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: false),
                    gas_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    handover_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_move_ins", x => x.id);
                    table.ForeignKey(
                        name: "fk_move_ins_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rows_total = table.Column<int>(type: "integer", nullable: false),
                    rows_processed = table.Column<int>(type: "integer", nullable: false),
                    buildings_created = table.Column<int>(type: "integer", nullable: false),
                    units_created = table.Column<int>(type: "integer", nullable: false),
                    owners_created = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "jsonb", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_imports_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "residents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_in_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "date", nullable: false),
                    moved_out_on = table.Column<DateOnly>(type: "date", nullable: true),
                    move_out_water_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    move_out_electricity_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    move_out_gas_reading = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    move_out_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    move_out_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_residents", x => x.id);
                    table.ForeignKey(
                        name: "fk_residents_move_ins_move_in_id",
                        column: x => x.move_in_id,
                        principalTable: "move_ins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_residents_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_files",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_files", x => x.import_id);
                    table.ForeignKey(
                        name: "fk_registry_import_files_registry_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "registry_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_move_ins_estate_id_recorded_at_id",
                table: "move_ins",
                columns: new[] { "estate_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_move_ins_unit_id_recorded_at",
                table: "move_ins",
                columns: new[] { "unit_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_imports_estate_id_requested_at_id",
                table: "registry_imports",
                columns: new[] { "estate_id", "requested_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_imports_status_requested_at",
                table: "registry_imports",
                columns: new[] { "status", "requested_at" },
                filter: "status IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "ix_residents_estate_id_moved_in_on",
                table: "residents",
                columns: new[] { "estate_id", "moved_in_on" });

            migrationBuilder.CreateIndex(
                name: "ix_residents_estate_id_recorded_at_id",
                table: "residents",
                columns: new[] { "estate_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_residents_move_in_id",
                table: "residents",
                column: "move_in_id");

            migrationBuilder.CreateIndex(
                name: "ix_residents_unit_id_phone",
                table: "residents",
                columns: new[] { "unit_id", "phone" });

            migrationBuilder.CreateIndex(
                name: "ix_residents_unit_id_recorded_at_id",
                table: "residents",
                columns: new[] { "unit_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_residents_unit_id_phone_living_there",
                table: "residents",
                columns: new[] { "unit_id", "phone" },
                unique: true,
                filter: "moved_out_on IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_import_files");

            migrationBuilder.DropTable(
                name: "residents");

            migrationBuilder.DropTable(
                name: "registry_imports");

            migrationBuilder.DropTable(
                name: "move_ins");
        }
    }
}
