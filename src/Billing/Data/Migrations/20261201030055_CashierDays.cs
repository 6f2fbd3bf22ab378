using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class CashierDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cashier_days",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cashier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deposit_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    deposit_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deposit_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deposit_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deposit_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    deposit_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    deposit_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deposit_responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_over_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    handover_difference = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    handover_explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cashier_days", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    notified_role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cash_deposits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cashier_day_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    bank_slip_ref = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deposited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cash_deposits", x => x.id);
                    table.ForeignKey(
                        name: "fk_cash_deposits_cashier_days_cashier_day_id",
                        column: x => x.cashier_day_id,
                        principalTable: "cashier_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cash_deposits_cashier_day_id",
                table: "cash_deposits",
                column: "cashier_day_id");

            migrationBuilder.CreateIndex(
                name: "ix_cash_deposits_estate_id_bank_slip_ref",
                table: "cash_deposits",
                columns: new[] { "estate_id", "bank_slip_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cashier_days_deposit_next_check_at",
                table: "cashier_days",
                column: "deposit_next_check_at",
                filter: "deposit_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cashier_days_estate_id_cashier_day",
                table: "cashier_days",
                columns: new[] { "estate_id", "cashier", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_estate_id_kind_occurred_at_id",
                table: "sla_events",
                columns: new[] { "estate_id", "kind", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_subject_id_policy_kind_level",
                table: "sla_events",
                columns: new[] { "subject_id", "policy", "kind", "level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cash_deposits");

            migrationBuilder.DropTable(
                name: "sla_events");

            migrationBuilder.DropTable(
                name: "cashier_days");
        }
    }
}
