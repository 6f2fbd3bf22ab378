using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoticeDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "deliveries",
                table: "payment_notices",
                type: "jsonb",
                nullable: true);

            // Notices issued before reception reported outcomes have none yet.
            migrationBuilder.Sql("UPDATE payment_notices SET deliveries = '[]' WHERE deliveries IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payment_notices_notification_event_id",
                table: "payment_notices",
                column: "notification_event_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payment_notices_notification_event_id",
                table: "payment_notices");

            migrationBuilder.DropColumn(
                name: "deliveries",
                table: "payment_notices");
        }
    }
}
