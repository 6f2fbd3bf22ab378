using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class RunsApiTests(BillingService billing)
{
    private static readonly DateOnly Period = BillingService.LastMonth;
    private static readonly int DaysInPeriod = DateTime.DaysInMonth(Period.Year, Period.Month);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An estate at 3.00 CNY/m² with a unit lived in all month and one moved into on the 11th, both 90 m².</summary>
    private async Task<(Guid EstateId, Guid FullMonth, Guid FromThe11th)> EstateWithTwoUnitsAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, Period.AddYears(-1));
        var (fullMonth, _) = await billing.UnitAsync(estateId, 90m, Period.AddYears(-1));
        var (fromThe11th, _) = await billing.UnitAsync(estateId, 90m, Period.AddDays(10));
        return (estateId, fullMonth, fromThe11th);
    }

    private static decimal ProratedFromThe11th => decimal.Round(3m * 90m * (DaysInPeriod - 10) / DaysInPeriod, 2, MidpointRounding.AwayFromZero);

    private Task<List<Bill>> BillsAsync(Guid estateId) => billing.QueryAsync(db => db.Bills.Where(b => b.EstateId == estateId).ToListAsync(Ct));

    [Fact]
    public async Task A_preview_shows_the_prorated_bills_and_stores_nothing()
    {
        var (estateId, fullMonth, fromThe11th) = await EstateWithTwoUnitsAsync();

        var response = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/runs/preview", new { estateId, period = Billing.Month(Period), feeItem = "management-fee" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var preview = (await response.Content.ReadFromJsonAsync<BillingRunPreviewResponse>(ApiJson.Options, Ct))!;
        preview.Bills.Select(b => (b.UnitId, b.Total)).Should().BeEquivalentTo([(fullMonth, 270m), (fromThe11th, ProratedFromThe11th)]);
        preview.Bills.Single(b => b.UnitId == fromThe11th).Lines.Should().ContainSingle().Which.Days.Should().Be(DaysInPeriod - 10);
        (await BillsAsync(estateId)).Should().BeEmpty();
        (await billing.QueryAsync(db => db.Runs.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Posting_bills_each_lived_in_unit_from_its_move_in_and_tells_the_owner_through_the_broker()
    {
        var (estateId, fullMonth, fromThe11th) = await EstateWithTwoUnitsAsync();
        await billing.UnitAsync(estateId, 120m, movedInOn: null);

        var run = await billing.RunAsync(estateId, Period);

        run.Status.Should().Be("Posted");
        (run.BillCount, run.Total, run.UnitsTotal, run.UnitsDone).Should().Be((2, 270m + ProratedFromThe11th, 3, 3));
        (await BillsAsync(estateId)).Select(b => (b.UnitId, b.Total)).Should().BeEquivalentTo([(fullMonth, 270m), (fromThe11th, ProratedFromThe11th)]);
        var issued = await billing.PublishedAsync<BillIssued>(b => b.UnitId == fromThe11th);
        issued.Amount.Should().Be(ProratedFromThe11th);
        var notice = await billing.PublishedAsync<NotificationRequested>(n => n.EstateId == estateId && n.TemplateKey == "bill-issued" && n.Data["billId"] == issued.BillId.ToString());
        (notice.RecipientKind, notice.RecipientId).Should().Be(("owner", issued.OwnerId!.Value));
        notice.Data["amount"].Should().Be(ProratedFromThe11th.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Posting_a_posted_period_again_changes_nothing()
    {
        var (estateId, _, _) = await EstateWithTwoUnitsAsync();
        var first = await billing.RunAsync(estateId, Period);
        await billing.UnitAsync(estateId, 50m, Period);

        var again = await billing.StartRunAsync(estateId, Period);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var run = (await again.Content.ReadFromJsonAsync<BillingRunResponse>(ApiJson.Options, Ct))!;
        (run.Id, run.BillCount, run.Total, run.PostedAt).Should().Be((first.Id, first.BillCount, first.Total, first.PostedAt));
        (await BillsAsync(estateId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_run_started_twice_at_once_is_one_run()
    {
        var (estateId, _, _) = await EstateWithTwoUnitsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => billing.StartRunAsync(estateId, Period)));

        var runs = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<BillingRunResponse>(ApiJson.Options, Ct)));
        runs.Select(r => r!.Id).Distinct().Should().ContainSingle();
        await billing.FinishedRunAsync(estateId, runs[0]!.Id);
        (await billing.QueryAsync(db => db.Runs.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(1);
        (await BillsAsync(estateId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_rate_change_never_rewrites_a_posted_bill()
    {
        var (estateId, fullMonth, _) = await EstateWithTwoUnitsAsync();
        await billing.RunAsync(estateId, Period);

        await billing.ApprovedRateAsync(estateId, "management-fee", 4m, Period);
        await billing.StartRunAsync(estateId, Period);

        var bill = (await BillsAsync(estateId)).Single(b => b.UnitId == fullMonth);
        bill.Total.Should().Be(270m);
        bill.Lines.Should().ContainSingle().Which.Rate.Should().Be(3m);
    }

    [Fact]
    public async Task A_run_that_fails_halfway_bills_nothing_and_says_why()
    {
        var (estateId, _, _) = await EstateWithTwoUnitsAsync();
        await billing.UnitAsync(estateId, 90m, Period.AddYears(-1));
        // Registered last, so billed last, after earlier chunks were written: a bill too large for the books stops the run there.
        await billing.UnitAsync(estateId, 1_000_000_000_000_000m, Period.AddYears(-1));

        var run = await billing.RunAsync(estateId, Period);

        run.Status.Should().Be("Failed");
        run.LastError.Should().NotBeNullOrEmpty();
        (await BillsAsync(estateId)).Should().BeEmpty("the chunks written before the failure rolled back with it");
        (await billing.QueryAsync(db => db.Receivables.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(0);
        var issued = await billing.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType.StartsWith(typeof(BillIssued).FullName!)).Select(m => m.Payload).ToListAsync(Ct));
        issued.Should().NotContain(payload => payload.Contains(estateId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_not_yet_begun_a_fee_item_without_a_rate_or_a_charged_fee_item_is_refused_naming_the_field()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "water", 3.5m, Period);
        var manager = billing.Manager(estateId);

        var future = await manager.PostAsJsonAsync("/api/billing/runs", new { estateId, period = Billing.Month(BillingService.LocalToday.AddMonths(2)), feeItem = "management-fee" }, Ct);
        var charged = await manager.PostAsJsonAsync("/api/billing/runs", new { estateId, period = Billing.Month(Period), feeItem = "paid-service" }, Ct);
        var unrated = await manager.PostAsJsonAsync("/api/billing/runs", new { estateId, period = Billing.Month(Period), feeItem = "parking" }, Ct);

        (await future.ErrorFieldsAsync()).Should().Equal("period");
        (await charged.ErrorFieldsAsync()).Should().Equal("feeItem");
        (await unrated.ErrorFieldsAsync()).Should().Equal("feeItem");
        (await billing.QueryAsync(db => db.Runs.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_posted_run_leaves_an_audit_entry_for_each_bill_with_its_lines_and_for_each_open_item()
    {
        var (estateId, _, fromThe11th) = await EstateWithTwoUnitsAsync();

        var run = await billing.RunAsync(estateId, Period);

        var bills = await BillsAsync(estateId);
        var items = await billing.QueryAsync(db => db.Receivables.Where(r => r.EstateId == estateId).ToListAsync(Ct));
        var audited = await billing.QueryAsync(db => db.Set<AuditEntry>().Where(a => a.EstateId == estateId && a.Action == AuditAction.Created).ToListAsync(Ct));
        audited.Where(a => a.EntityType == nameof(Bill)).Select(a => a.EntityId).Should().BeEquivalentTo(bills.Select(b => b.Id.ToString()));
        audited.Where(a => a.EntityType == nameof(Receivable)).Select(a => a.EntityId).Should().BeEquivalentTo(items.Select(r => r.Id.ToString()));
        audited.Where(a => a.EntityType is nameof(Bill) or nameof(Receivable)).Should().OnlyContain(a => a.Actor.StartsWith("system:", StringComparison.Ordinal) && a.CorrelationId != null);
        var prorated = audited.Single(a => a.EntityId == bills.Single(b => b.UnitId == fromThe11th).Id.ToString());
        using var changes = System.Text.Json.JsonDocument.Parse(prorated.Changes);
        changes.RootElement.GetProperty("Total").GetDecimal().Should().Be(ProratedFromThe11th);
        changes.RootElement.GetProperty("Lines")[0].GetProperty("Days").GetInt32().Should().Be(DaysInPeriod - 10);
        run.BillCount.Should().Be(2);
    }

    [Fact]
    public async Task A_manager_of_another_estate_can_neither_preview_nor_post_its_run_nor_read_its_bills()
    {
        var (estateId, fullMonth, _) = await EstateWithTwoUnitsAsync();
        await billing.RunAsync(estateId, Period);
        var stranger = billing.Manager(await billing.NewEstateAsync());

        (await stranger.PostAsJsonAsync("/api/billing/runs/preview", new { estateId, period = Billing.Month(Period), feeItem = "management-fee" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync("/api/billing/runs", new { estateId, period = Billing.Month(Period.AddMonths(-1)), feeItem = "management-fee" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bills = await stranger.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/billing/bills?unitId={fullMonth}", Ct);
        bills.GetProperty("items").GetArrayLength().Should().Be(0);
    }
}
