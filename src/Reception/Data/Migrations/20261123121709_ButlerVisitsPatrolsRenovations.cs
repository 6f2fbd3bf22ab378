using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class ButlerVisitsPatrolsRenovations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "butler_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    butler = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    appointment_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    request_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    arrears_amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    dunning_step = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_butler_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_butler_visits_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "renovation_permits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contractor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contractor_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: false),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: false),
                    workers = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    acceptance_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    unit_status_before = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renovation_permits", x => x.id);
                    table.ForeignKey(
                        name: "fk_renovation_permits_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patrol_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    permit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_patrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_patrol_targets_renovation_permits_permit_id",
                        column: x => x.permit_id,
                        principalTable: "renovation_permits",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_patrol_targets_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "renovation_inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    permit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renovation_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_renovation_inspections_renovation_permits_permit_id",
                        column: x => x.permit_id,
                        principalTable: "renovation_permits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "patrol_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    patrolled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    passed_items = table.Column<List<string>>(type: "text[]", nullable: false),
                    failed_items = table.Column<List<string>>(type: "text[]", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    request_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    violation_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_patrol_records_patrol_targets_target_id",
                        column: x => x.target_id,
                        principalTable: "patrol_targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "violations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    patrol_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    found_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rectify_by = table.Column<DateOnly>(type: "date", nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verified_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_violations", x => x.id);
                    table.ForeignKey(
                        name: "fk_violations_patrol_records_patrol_record_id",
                        column: x => x.patrol_record_id,
                        principalTable: "patrol_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_violations_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "violation_follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    violation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    rectify_by = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_violation_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_violation_follow_ups_violations_violation_id",
                        column: x => x.violation_id,
                        principalTable: "violations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_butler_visits_estate_id_created_at_id",
                table: "butler_visits",
                columns: new[] { "estate_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_butler_visits_unit_id_outcome_visited_at",
                table: "butler_visits",
                columns: new[] { "unit_id", "outcome", "visited_at" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_records_target_id_patrolled_at_id",
                table: "patrol_records",
                columns: new[] { "target_id", "patrolled_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_estate_id_active_due_by_id",
                table: "patrol_targets",
                columns: new[] { "estate_id", "active", "due_by", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_estate_id_created_at_id",
                table: "patrol_targets",
                columns: new[] { "estate_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_permit_id",
                table: "patrol_targets",
                column: "permit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_unit_id",
                table: "patrol_targets",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_renovation_inspections_permit_id_at",
                table: "renovation_inspections",
                columns: new[] { "permit_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_renovation_permits_active_unit",
                table: "renovation_permits",
                column: "unit_id",
                unique: true,
                filter: "status IN ('Applied', 'Approved')");

            migrationBuilder.CreateIndex(
                name: "ix_renovation_permits_estate_id_applied_at_id",
                table: "renovation_permits",
                columns: new[] { "estate_id", "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_violation_follow_ups_violation_id_at",
                table: "violation_follow_ups",
                columns: new[] { "violation_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_violations_estate_id_found_at_id",
                table: "violations",
                columns: new[] { "estate_id", "found_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_violations_estate_id_status_found_at_id",
                table: "violations",
                columns: new[] { "estate_id", "status", "found_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_violations_patrol_record_id",
                table: "violations",
                column: "patrol_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_violations_unit_id",
                table: "violations",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "butler_visits");

            migrationBuilder.DropTable(
                name: "renovation_inspections");

            migrationBuilder.DropTable(
                name: "violation_follow_ups");

            migrationBuilder.DropTable(
                name: "violations");

            migrationBuilder.DropTable(
                name: "patrol_records");

            migrationBuilder.DropTable(
                name: "patrol_targets");

            migrationBuilder.DropTable(
                name: "renovation_permits");
        }
    }
}
