using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Maintenance.Data.Migrations
{
    /// <inheritdoc />
    public partial class SparePartsStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spare_parts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reorder_level = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    on_hand = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    entries = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_spare_parts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stocktakes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    posted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    deadline_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    deadline_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    deadline_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    deadline_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stocktakes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    part_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    balance_after = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stocktake_id = table.Column<Guid>(type: "uuid", nullable: true),
                    corrects_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_movements", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_movements_spare_parts_part_id",
                        column: x => x.part_id,
                        principalTable: "spare_parts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stocktake_lines",
                columns: table => new
                {
                    part_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stocktake_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counted = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    counted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    book_at_posting = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stocktake_lines", x => new { x.stocktake_id, x.part_id });
                    table.ForeignKey(
                        name: "fk_stocktake_lines_stocktakes_stocktake_id",
                        column: x => x.stocktake_id,
                        principalTable: "stocktakes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_spare_parts_estate_id_code",
                table: "spare_parts",
                columns: new[] { "estate_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_spare_parts_estate_id_created_at_id",
                table: "spare_parts",
                columns: new[] { "estate_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_corrects_id",
                table: "stock_movements",
                column: "corrects_id",
                filter: "corrects_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_estate_id_at_id",
                table: "stock_movements",
                columns: new[] { "estate_id", "at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_part_id_at_id",
                table: "stock_movements",
                columns: new[] { "part_id", "at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_part_id_number",
                table: "stock_movements",
                columns: new[] { "part_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_work_order_id_part_id",
                table: "stock_movements",
                columns: new[] { "work_order_id", "part_id" },
                filter: "work_order_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stocktakes_deadline_next_check_at",
                table: "stocktakes",
                column: "deadline_next_check_at",
                filter: "deadline_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stocktakes_estate_id_month",
                table: "stocktakes",
                columns: new[] { "estate_id", "month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_movements");

            migrationBuilder.DropTable(
                name: "stocktake_lines");

            migrationBuilder.DropTable(
                name: "spare_parts");

            migrationBuilder.DropTable(
                name: "stocktakes");
        }
    }
}
