using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnclaimedAttachmentsByClaimedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attachments_unclaimed",
                table: "attachments");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_unclaimed",
                table: "attachments",
                column: "uploaded_at",
                filter: "claimed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attachments_unclaimed",
                table: "attachments");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_unclaimed",
                table: "attachments",
                column: "uploaded_at",
                filter: "request_id IS NULL");
        }
    }
}
