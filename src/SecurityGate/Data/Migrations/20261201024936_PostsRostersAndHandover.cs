using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class PostsRostersAndHandover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certifications",
                columns: table => new
                {
                    certification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    post = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    revoked_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certifications", x => x.certification_id);
                });

            migrationBuilder.CreateTable(
                name: "duty_rosters",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_rosters", x => new { x.estate_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shift = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    post = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_shifts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guard_posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    certification = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    guard_id = table.Column<Guid>(type: "uuid", nullable: true),
                    guard_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    guard_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    uncovered_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    uncovered_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guard_posts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_members",
                columns: table => new
                {
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    estate_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    profile_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: true),
                    employment_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_members", x => x.staff_id);
                });

            migrationBuilder.CreateTable(
                name: "shift_handovers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_guard_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_guard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_guard_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closed_items = table.Column<string>(type: "jsonb", nullable: true),
                    equipment = table.Column<string>(type: "jsonb", nullable: true),
                    open_items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shift_handovers", x => x.id);
                    table.ForeignKey(
                        name: "fk_shift_handovers_guard_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "guard_posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_certifications_staff_id_trade_post",
                table: "certifications",
                columns: new[] { "staff_id", "trade", "post" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_day",
                table: "duty_shifts",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_starts_at_ends_at",
                table: "duty_shifts",
                columns: new[] { "estate_id", "starts_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_guard_posts_estate_id_name",
                table: "guard_posts",
                columns: new[] { "estate_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_guard_posts_guard_id",
                table: "guard_posts",
                column: "guard_id",
                unique: true,
                filter: "guard_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_shift_handovers_post_id_handed_over_at_id",
                table: "shift_handovers",
                columns: new[] { "post_id", "handed_over_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certifications");

            migrationBuilder.DropTable(
                name: "duty_rosters");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "shift_handovers");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropTable(
                name: "guard_posts");
        }
    }
}
