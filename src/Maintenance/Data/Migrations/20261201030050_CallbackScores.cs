using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Maintenance.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallbackScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "callback_scores",
                columns: table => new
                {
                    callback_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    technician_id = table.Column<Guid>(type: "uuid", nullable: true),
                    technician_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    attitude = table.Column<int>(type: "integer", nullable: false),
                    quality = table.Column<int>(type: "integer", nullable: false),
                    speed = table.Column<int>(type: "integer", nullable: false),
                    satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_scores", x => x.callback_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_scores_estate_id_called_at",
                table: "callback_scores",
                columns: new[] { "estate_id", "called_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_scores");
        }
    }
}
