using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class BillingPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_billing_runs_estate_id_period_fee_item",
                table: "billing_runs");

            migrationBuilder.AddColumn<DateOnly>(
                name: "period_end",
                table: "bills",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "due_on",
                table: "billing_runs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "period_end",
                table: "billing_runs",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "allocated_at",
                table: "allocations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "estate_billing_terms",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_term_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_estate_billing_terms", x => x.estate_id);
                    table.CheckConstraint("ck_estate_billing_terms_payment_term", "payment_term_days BETWEEN 0 AND 90");
                });

            migrationBuilder.CreateTable(
                name: "fee_item_frequencies",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fee_item = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    frequency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_item_frequencies", x => new { x.estate_id, x.fee_item });
                });

            migrationBuilder.CreateIndex(
                name: "ix_billing_runs_estate_id_period_period_end_fee_item",
                table: "billing_runs",
                columns: new[] { "estate_id", "period", "period_end", "fee_item" },
                unique: true);

            // Runs and bills from before quarterly and yearly billing were monthly: their period ends with its month, and a
            // posted run's bills were due on that day.
            migrationBuilder.Sql("UPDATE billing_runs SET period_end = (period + interval '1 month' - interval '1 day')::date;");
            migrationBuilder.Sql("UPDATE billing_runs SET due_on = period_end WHERE status = 'Posted';");
            // Allocations made before they had a time of their own were made with their payment.
            migrationBuilder.Sql("UPDATE allocations a SET allocated_at = p.received_at FROM payments p WHERE p.id = a.payment_id;");
            migrationBuilder.Sql("UPDATE bills SET period_end = (period + interval '1 month' - interval '1 day')::date;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "estate_billing_terms");

            migrationBuilder.DropTable(
                name: "fee_item_frequencies");

            migrationBuilder.DropIndex(
                name: "ix_billing_runs_estate_id_period_period_end_fee_item",
                table: "billing_runs");

            migrationBuilder.DropColumn(
                name: "period_end",
                table: "bills");

            migrationBuilder.DropColumn(
                name: "due_on",
                table: "billing_runs");

            migrationBuilder.DropColumn(
                name: "period_end",
                table: "billing_runs");

            migrationBuilder.DropColumn(
                name: "allocated_at",
                table: "allocations");

            migrationBuilder.CreateIndex(
                name: "ix_billing_runs_estate_id_period_fee_item",
                table: "billing_runs",
                columns: new[] { "estate_id", "period", "fee_item" },
                unique: true);
        }
    }
}
