using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class PatrolReadingsSeriousFindingsRectification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_patrol_targets_unit_id",
                table: "patrol_targets");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_breached_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_completed_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_due_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rectification_escalation_level",
                table: "violations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_next_check_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_parked_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_paused_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rectification_policy",
                table: "violations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "rectification_remaining_when_paused",
                table: "violations",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "rectification_responsible_id",
                table: "violations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_started_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_warn_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectification_warned_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "serious",
                table: "violations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "electricity_reading",
                table: "patrol_records",
                type: "numeric(14,3)",
                precision: 14,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "patrol_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "escalated_to",
                table: "patrol_records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "water_reading",
                table: "patrol_records",
                type: "numeric(14,3)",
                precision: 14,
                scale: 3,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_violations_rectification_next_check_at",
                table: "violations",
                column: "rectification_next_check_at",
                filter: "rectification_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_unit_id_kind_active",
                table: "patrol_targets",
                columns: new[] { "unit_id", "kind", "active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_violations_rectification_next_check_at",
                table: "violations");

            migrationBuilder.DropIndex(
                name: "ix_patrol_targets_unit_id_kind_active",
                table: "patrol_targets");

            migrationBuilder.DropColumn(
                name: "rectification_breached_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_completed_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_due_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_escalation_level",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_next_check_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_parked_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_paused_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_policy",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_remaining_when_paused",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_responsible_id",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_started_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_warn_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "rectification_warned_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "serious",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "electricity_reading",
                table: "patrol_records");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "patrol_records");

            migrationBuilder.DropColumn(
                name: "escalated_to",
                table: "patrol_records");

            migrationBuilder.DropColumn(
                name: "water_reading",
                table: "patrol_records");

            migrationBuilder.CreateIndex(
                name: "ix_patrol_targets_unit_id",
                table: "patrol_targets",
                column: "unit_id");
        }
    }
}
