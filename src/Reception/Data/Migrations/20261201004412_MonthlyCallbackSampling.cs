using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyCallbackSampling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The old tallies counted an estate's whole life; the sample is now kept per month, and each month's
            // counting starts afresh (the callbacks themselves are all kept).
            migrationBuilder.Sql("DELETE FROM callback_sample_tallies;");

            migrationBuilder.DropPrimaryKey(
                name: "pk_callback_sample_tallies",
                table: "callback_sample_tallies");

            migrationBuilder.AddColumn<decimal>(
                name: "callback_sample_rate",
                table: "estates",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "month",
                table: "callback_sample_tallies",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddPrimaryKey(
                name: "pk_callback_sample_tallies",
                table: "callback_sample_tallies",
                columns: new[] { "estate_id", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM callback_sample_tallies;");

            migrationBuilder.DropPrimaryKey(
                name: "pk_callback_sample_tallies",
                table: "callback_sample_tallies");

            migrationBuilder.DropColumn(
                name: "callback_sample_rate",
                table: "estates");

            migrationBuilder.DropColumn(
                name: "month",
                table: "callback_sample_tallies");

            migrationBuilder.AddPrimaryKey(
                name: "pk_callback_sample_tallies",
                table: "callback_sample_tallies",
                column: "estate_id");
        }
    }
}
