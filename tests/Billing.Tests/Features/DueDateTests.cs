using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Billing.Features.Terms;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>A bill is due a payment term after its run is posted (estate time), never on the last day of the month it bills.</summary>
public sealed class DueDateTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => BillingService.LocalToday;

    private async Task<Guid> EstateWithUnitAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, BillingService.LastMonth.AddYears(-1));
        await billing.UnitAsync(estateId, 90m, BillingService.LastMonth.AddYears(-1));
        return estateId;
    }

    private Task<HttpResponseMessage> SetTermAsync(Guid estateId, object days) =>
        billing.Manager(estateId).PutAsJsonAsync($"/api/billing/estates/{estateId}/payment-term", new { days }, Ct);

    [Fact]
    public async Task A_past_month_posted_today_is_due_a_payment_term_from_today_and_not_overdue()
    {
        var estateId = await EstateWithUnitAsync();
        var preview = await billing.Manager(estateId).PostAsJsonAsync(
            "/api/billing/runs/preview", new { estateId, period = Billing.Month(BillingService.LastMonth), feeItem = "management-fee" }, Ct);

        var run = await billing.RunAsync(estateId, BillingService.LastMonth);

        (await preview.Content.ReadFromJsonAsync<BillingRunPreviewResponse>(ApiJson.Options, Ct))!.DueOn.Should().Be(Today.AddDays(15), "the preview shows the due date posting now gives");
        (run.Status, run.DueOn).Should().Be(("Posted", Today.AddDays(EstateBillingTerms.DefaultPaymentTermDays)));
        (await billing.QueryAsync(db => db.Bills.Where(b => b.EstateId == estateId).Select(b => b.DueOn).SingleAsync(Ct))).Should().Be(Today.AddDays(15));
        (await billing.QueryAsync(db => db.Receivables.Where(r => r.EstateId == estateId).Select(r => r.DueOn).SingleAsync(Ct))).Should().Be(Today.AddDays(15));
        var arrears = await billing.Manager(estateId).GetFromJsonAsync<ArrearsReportResponse>($"/api/billing/arrears?estateId={estateId}", ApiJson.Options, Ct);
        (arrears!.Total, arrears.Units.Length).Should().Be((0m, 0), "a bill posted today for last month is not overdue on arrival");
    }

    [Fact]
    public async Task A_changed_payment_term_applies_to_later_runs_only_and_stays_within_0_to_90_days()
    {
        var estateId = await EstateWithUnitAsync();
        var first = await billing.RunAsync(estateId, BillingService.LastMonth.AddMonths(-1));

        var set = await SetTermAsync(estateId, 30);
        var later = await billing.RunAsync(estateId, BillingService.LastMonth);

        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync(Ct));
        (await set.Content.ReadFromJsonAsync<BillingTermsResponse>(ApiJson.Options, Ct))!.PaymentTermDays.Should().Be(30);
        (first.DueOn, later.DueOn).Should().Be((Today.AddDays(15), Today.AddDays(30)));
        (await billing.QueryAsync(db => db.Bills.Where(b => b.RunId == first.Id).Select(b => b.DueOn).SingleAsync(Ct))).Should().Be(Today.AddDays(15), "a posted bill is never edited");
        (await billing.QueryAsync(db => db.Bills.Where(b => b.RunId == later.Id).Select(b => b.DueOn).SingleAsync(Ct))).Should().Be(Today.AddDays(30));
        (await (await SetTermAsync(estateId, 91)).ErrorFieldsAsync()).Should().Equal("days");
        (await (await SetTermAsync(estateId, -1)).ErrorFieldsAsync()).Should().Equal("days");
        (await billing.Manager(estateId).GetFromJsonAsync<BillingTermsResponse>($"/api/billing/estates/{estateId}/billing-terms", ApiJson.Options, Ct))!
            .PaymentTermDays.Should().Be(30, "a refused term changes nothing");
        (await billing.QueryAsync(db => db.Set<PropertyPlatform.ServiceDefaults.Auditing.AuditEntry>()
            .CountAsync(a => a.EstateId == estateId && a.EntityType == nameof(EstateBillingTerms), Ct))).Should().Be(1, "the change is audited");
    }
}
