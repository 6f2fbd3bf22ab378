using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Maintenance.Data.Migrations
{
    /// <inheritdoc />
    public partial class MaintenancePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "maintenance_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    asset_id = table.Column<Guid>(type: "uuid", nullable: true),
                    area = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    every = table.Column<int>(type: "integer", nullable: false),
                    first_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    time_of_day = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    checklist = table.Column<List<string>>(type: "text[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    next_occurrence = table.Column<int>(type: "integer", nullable: false),
                    next_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_maintenance_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_maintenance_plans_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    needs_checklist = table.Column<bool>(type: "boolean", nullable: false),
                    done_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    done_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    done_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    done_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_tasks_maintenance_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "maintenance_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_plans_asset_id",
                table: "maintenance_plans",
                column: "asset_id");

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_plans_estate_id_created_at_id",
                table: "maintenance_plans",
                columns: new[] { "estate_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_plans_next_due_at",
                table: "maintenance_plans",
                column: "next_due_at",
                filter: "active");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_done_next_check_at",
                table: "plan_tasks",
                column: "done_next_check_at",
                filter: "done_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_estate_id_due_at_id",
                table: "plan_tasks",
                columns: new[] { "estate_id", "due_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_plan_id_due_on",
                table: "plan_tasks",
                columns: new[] { "plan_id", "due_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_work_order_id",
                table: "plan_tasks",
                column: "work_order_id",
                filter: "work_order_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_tasks");

            migrationBuilder.DropTable(
                name: "maintenance_plans");
        }
    }
}
