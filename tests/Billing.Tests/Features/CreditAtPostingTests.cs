using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Billing.Features.Reports;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Unused credit is applied when a run posts, and an allocation counts from when it was made, not from its payment.</summary>
public sealed class CreditAtPostingTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task PayAtCounterAsync(Guid estateId, Guid unitId, decimal amount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method = "cash" }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await billing.Cashier(estateId).SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<AccountResponse> AccountAsync(Guid estateId, Guid unitId) =>
        billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct)!;

    [Fact]
    public async Task Posting_settles_the_new_bill_from_an_owners_credit_and_tells_them_what_is_left_to_pay()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, BillingService.LastMonth.AddYears(-1));
        var (paidAhead, _) = await billing.UnitAsync(estateId, 90m, BillingService.LastMonth.AddYears(-1));
        var (paidPart, _) = await billing.UnitAsync(estateId, 90m, BillingService.LastMonth.AddYears(-1));
        var (noCredit, _) = await billing.UnitAsync(estateId, 90m, BillingService.LastMonth.AddYears(-1));
        await PayAtCounterAsync(estateId, paidAhead, 300m);
        await PayAtCounterAsync(estateId, paidPart, 100m);
        var before = DateTimeOffset.UtcNow;

        var run = await billing.RunAsync(estateId, BillingService.LastMonth);

        run.Status.Should().Be("Posted");
        var ahead = await AccountAsync(estateId, paidAhead);
        (ahead.Balance, ahead.Credit).Should().Be((0m, 30m), "the 270.00 bill was settled from the 300.00 paid ahead");
        var part = await AccountAsync(estateId, paidPart);
        (part.Balance, part.Credit).Should().Be((170m, 0m));
        var none = await AccountAsync(estateId, noCredit);
        (none.Balance, none.Credit).Should().Be((270m, 0m), "a unit without credit is billed as before");
        var allocated = await billing.QueryAsync(db => db.Allocations.Where(a => a.EstateId == estateId).OrderBy(a => a.Amount).ToListAsync(Ct));
        allocated.Select(a => a.Amount).Should().Equal(100m, 270m);
        allocated.Should().OnlyContain(a => a.AllocatedAt >= before, "the credit was applied at posting, not when it was paid");
        var notices = await Task.WhenAll(new[] { paidAhead, paidPart, noCredit }.Select(unitId => billing.PublishedAsync<NotificationRequested>(
            n => n.TemplateKey == "bill-issued" && n.EstateId == estateId && billing.Published<Contracts.Billing.BillIssued>().Any(b => b.UnitId == unitId && b.BillId.ToString() == n.Data["billId"]))));
        notices.Select(n => (n.Data["amount"], n.Data["credited"], n.Data["leftToPay"])).Should().Equal(
            ("270.00", "270.00", "0.00"), ("270.00", "100.00", "170.00"), ("270.00", "0.00", "270.00"));
    }

    [Fact]
    public async Task Credit_applied_after_the_month_counts_as_collected_in_the_month_it_was_applied_not_the_payments()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var lastMonth = BillingService.LastMonth;
        var paidAt = new DateTimeOffset(lastMonth.AddDays(2).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        await billing.QueryAsync(async db =>
        {
            // Paid ahead last month; the charge it could settle was booked later that month and the credit left unapplied.
            db.Payments.Add(Payment.Receive(estateId, unitId, 100m, "CNY", PaymentMethod.Cash, 100m, Guid.NewGuid().ToString(), "test", lastMonth.Year, 1, "cashier", paidAt));
            db.Receivables.Add(Receivable.ForCharge(estateId, unitId, FeeItem.Other, "Booked last month", 100m, "CNY", lastMonth.AddDays(5), "maintenance", Guid.NewGuid(), paidAt.AddDays(3)));
            return await db.SaveChangesAsync(Ct);
        });

        (await billing.Cashier(estateId).PostAsync($"/api/billing/units/{unitId}/account/apply-credit", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var summary = await billing.Manager(estateId).GetFromJsonAsync<CollectionSummaryResponse>(
            $"/api/billing/reports/collection/monthly?estateId={estateId}&month={Billing.Month(lastMonth)}", ApiJson.Options, Ct);
        (summary!.AmountDue, summary.Collected).Should().Be((100m, 0m), "the item was settled this month, when the credit was applied");
        var allocation = await billing.QueryAsync(db => db.Allocations.SingleAsync(a => a.EstateId == estateId, Ct));
        allocation.AllocatedAt.Should().BeAfter(paidAt.AddDays(20));
        (await AccountAsync(estateId, unitId)).Balance.Should().Be(0m);
    }
}
