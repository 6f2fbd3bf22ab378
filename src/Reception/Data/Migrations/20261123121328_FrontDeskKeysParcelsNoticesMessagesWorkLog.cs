using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class FrontDeskKeysParcelsNoticesMessagesWorkLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custody_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    area = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    current_loan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custody_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_custody_keys_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    publish_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_notices_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_notices_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "owner_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    written_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    writer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    awaiting_reply = table.Column<bool>(type: "boolean", nullable: false),
                    first_answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_post_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reply_count = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_owner_messages_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "owner_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    about_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parcels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tracking_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    shelf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    collected_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    handed_over_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parcels", x => x.id);
                    table.ForeignKey(
                        name: "fk_parcels_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_log_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clerk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    clerk_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_log_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "key_loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expected_return_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    return_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_loans", x => x.id);
                    table.ForeignKey(
                        name: "fk_key_loans_custody_keys_key_id",
                        column: x => x.key_id,
                        principalTable: "custody_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_message_replies_owner_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "owner_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_requests_submitted_by_received_at",
                table: "customer_requests",
                columns: new[] { "submitted_by", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_custody_keys_estate_id_label",
                table: "custody_keys",
                columns: new[] { "estate_id", "label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_custody_keys_estate_id_registered_at_id",
                table: "custody_keys",
                columns: new[] { "estate_id", "registered_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_custody_keys_unit_id",
                table: "custody_keys",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_estate_id_expected_return_at_id",
                table: "key_loans",
                columns: new[] { "estate_id", "expected_return_at", "id" },
                filter: "returned_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_estate_id_issued_at",
                table: "key_loans",
                columns: new[] { "estate_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_estate_id_returned_at",
                table: "key_loans",
                columns: new[] { "estate_id", "returned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_issued_by_issued_at",
                table: "key_loans",
                columns: new[] { "issued_by", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_key_id_issued_at_id",
                table: "key_loans",
                columns: new[] { "key_id", "issued_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_key_loans_returned_to_returned_at",
                table: "key_loans",
                columns: new[] { "returned_to", "returned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_author_posted_at",
                table: "message_replies",
                columns: new[] { "author", "posted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_estate_id_posted_at",
                table: "message_replies",
                columns: new[] { "estate_id", "posted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_message_id_posted_at_id",
                table: "message_replies",
                columns: new[] { "message_id", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notices_building_id",
                table: "notices",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_notices_estate_id_publish_at_id",
                table: "notices",
                columns: new[] { "estate_id", "publish_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notices_published_by_created_at",
                table: "notices",
                columns: new[] { "published_by", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notices_unit_id",
                table: "notices",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_owner_messages_awaiting_reply",
                table: "owner_messages",
                columns: new[] { "estate_id", "written_at", "id" },
                filter: "awaiting_reply");

            migrationBuilder.CreateIndex(
                name: "ix_owner_messages_unit_id",
                table: "owner_messages",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_owner_messages_written_by_written_at_id",
                table: "owner_messages",
                columns: new[] { "written_by", "written_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_owner_notifications_about_id",
                table: "owner_notifications",
                column: "about_id");

            migrationBuilder.CreateIndex(
                name: "ix_owner_notifications_unit_id_created_at_id",
                table: "owner_notifications",
                columns: new[] { "unit_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_estate_id_collected_at",
                table: "parcels",
                columns: new[] { "estate_id", "collected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_handed_over_by_collected_at",
                table: "parcels",
                columns: new[] { "handed_over_by", "collected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_received_by_received_at",
                table: "parcels",
                columns: new[] { "received_by", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_unit_id_received_at_id",
                table: "parcels",
                columns: new[] { "unit_id", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parcels_waiting",
                table: "parcels",
                columns: new[] { "estate_id", "received_at", "id" },
                filter: "collected_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_log_entries_clerk_day",
                table: "work_log_entries",
                columns: new[] { "clerk", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_work_log_entries_clerk_written_at_id",
                table: "work_log_entries",
                columns: new[] { "clerk", "written_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_log_entries_estate_id_day",
                table: "work_log_entries",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_work_log_entries_estate_id_written_at_id",
                table: "work_log_entries",
                columns: new[] { "estate_id", "written_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "key_loans");

            migrationBuilder.DropTable(
                name: "message_replies");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "owner_notifications");

            migrationBuilder.DropTable(
                name: "parcels");

            migrationBuilder.DropTable(
                name: "work_log_entries");

            migrationBuilder.DropTable(
                name: "custody_keys");

            migrationBuilder.DropTable(
                name: "owner_messages");

            migrationBuilder.DropIndex(
                name: "ix_customer_requests_submitted_by_received_at",
                table: "customer_requests");
        }
    }
}
