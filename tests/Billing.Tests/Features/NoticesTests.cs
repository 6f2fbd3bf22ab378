using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Billing.Features.Notices;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class NoticesTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_notice_per_owner_lists_items_amounts_due_dates_and_the_fee_breakdown_and_is_sent_once_as_requested()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, ownerId) = await billing.UnitAsync(estateId, 90m, BillingService.LastMonth);
        await billing.ApprovedRateAsync(estateId, "management-fee", 2.5m, BillingService.LastMonth.AddMonths(-1));
        (await billing.RunAsync(estateId, BillingService.LastMonth)).Status.Should().Be("Posted");
        var charge = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "paid-service", 40m, "CNY", "maintenance", Guid.NewGuid(), "Tap replaced");
        await billing.Bus.Publish(charge, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", charge.EventId);
        var manager = billing.Manager(estateId);
        var period = Billing.Month(BillingService.LocalToday);

        var response = await manager.PostAsJsonAsync("/api/billing/notices", new { estateId, period }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var issued = (await response.Content.ReadFromJsonAsync<IssuedNoticesResponse>(ApiJson.Options, Ct))!;
        var notice = issued.Notices.Should().ContainSingle().Subject;
        (notice.OwnerId, notice.Total, notice.DeliveryStatus, notice.DueOn).Should().Be((ownerId, 225m + 40m, "requested", BillingService.LocalToday.AddDays(-1)));
        notice.Lines.Select(l => (l.FeeItem, l.Outstanding)).Should().Equal(("management-fee", 225m), ("paid-service", 40m));
        notice.Lines[0].Explanation.Should().StartWith("management-fee").And.Contain(" CNY × 90").And.EndWith("days", "the bill's breakdown explains the fee");
        notice.Lines[1].Explanation.Should().Be("Tap replaced");
        var sent = await billing.PublishedAsync<NotificationRequested>(n => n.TemplateKey == "payment-notice" && n.RecipientId == ownerId);
        (sent.Data["total"], sent.Data["noticeId"]).Should().Be(("265.00", notice.Id.ToString()));
        sent.Data["items"].Should().Contain("management-fee: 225.00 CNY");

        var again = (await (await manager.PostAsJsonAsync("/api/billing/notices", new { estateId, period }, Ct)).Content.ReadFromJsonAsync<IssuedNoticesResponse>(ApiJson.Options, Ct))!;
        (again.Issued, again.AlreadyIssued).Should().Be((0, 1));
        (await manager.GetFromJsonAsync<PaymentNoticeResponse[]>($"/api/billing/notices?estateId={estateId}&period={period}", ApiJson.Options, Ct))!.Should().ContainSingle();
    }

    [Fact]
    public async Task Issuing_notices_needs_an_estate_and_a_month_and_is_the_estate_managers()
    {
        var estateId = await billing.NewEstateAsync();

        (await (await billing.Manager(estateId).PostAsJsonAsync("/api/billing/notices", new { period = "soon" }, Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo("estateId", "period");
        (await billing.Cashier(estateId).PostAsJsonAsync("/api/billing/notices", new { estateId, period = "2026-11" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
