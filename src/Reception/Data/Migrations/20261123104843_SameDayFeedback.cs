using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class SameDayFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_breached_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_completed_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_due_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "feedback_escalation_level",
                table: "customer_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "feedback_note",
                table: "customer_requests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_paused_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "feedback_policy",
                table: "customer_requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "feedback_remaining_when_paused",
                table: "customer_requests",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_started_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_warn_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_warned_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_customer_requests_feedback_completed_at_feedback_due_at",
                table: "customer_requests",
                columns: new[] { "feedback_completed_at", "feedback_due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customer_requests_feedback_completed_at_feedback_due_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_breached_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_completed_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_due_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_escalation_level",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_note",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_paused_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_policy",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_remaining_when_paused",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_started_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_warn_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "feedback_warned_at",
                table: "customer_requests");
        }
    }
}
