using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProviderRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "last_send_error",
                table: "refunds",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payment_reference",
                table: "refunds",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider",
                table: "refunds",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_reference",
                table: "refunds",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "send_attempts",
                table: "refunds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sent_at",
                table: "refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_refunds_unsent",
                table: "refunds",
                column: "refunded_at",
                filter: "provider IS NOT NULL AND sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_refunds_unsent",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "last_send_error",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "payment_reference",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "provider",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "provider_reference",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "send_attempts",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "sent_at",
                table: "refunds");
        }
    }
}
