using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnlineServiceAnswerDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_breached_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_completed_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_due_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "answering_escalation_level",
                table: "owner_messages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_next_check_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_parked_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_paused_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "answering_policy",
                table: "owner_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "answering_remaining_when_paused",
                table: "owner_messages",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "answering_responsible_id",
                table: "owner_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_started_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_warn_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answering_warned_at",
                table: "owner_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "online_service_closes_at",
                table: "estates",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "online_service_opens_at",
                table: "estates",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_owner_messages_answering_next_check_at",
                table: "owner_messages",
                column: "answering_next_check_at",
                filter: "answering_next_check_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_owner_messages_answering_next_check_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_breached_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_completed_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_due_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_escalation_level",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_next_check_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_parked_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_paused_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_policy",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_remaining_when_paused",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_responsible_id",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_started_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_warn_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "answering_warned_at",
                table: "owner_messages");

            migrationBuilder.DropColumn(
                name: "online_service_closes_at",
                table: "estates");

            migrationBuilder.DropColumn(
                name: "online_service_opens_at",
                table: "estates");
        }
    }
}
