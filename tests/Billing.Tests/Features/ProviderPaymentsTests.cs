using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PdfSharp.Pdf.IO;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class ProviderPaymentsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DevelopmentPaymentProvider Provider => billing.Services.GetRequiredService<DevelopmentPaymentProvider>();

    /// <summary>A unit owing 100.00 (raised 3 days ago, the oldest) and 50.00 (today).</summary>
    private async Task<(Guid EstateId, Guid UnitId, Guid Older, Guid Newer)> UnitOwingAsync()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var older = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-3), estateId, Guid.NewGuid(), unitId, "paid-service", 100m, "CNY", "maintenance", Guid.NewGuid(), "Pipe");
        var newer = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "parking", 50m, "CNY", "security-gate", Guid.NewGuid(), "Overstay");
        await billing.Bus.Publish(older, Ct);
        await billing.Bus.Publish(newer, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", older.EventId, newer.EventId);
        var account = (await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        return (estateId, unitId, account.OpenItems.Single(i => i.SourceId == older.SourceId).Id, account.OpenItems.Single(i => i.SourceId == newer.SourceId).Id);
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/online") { Content = JsonContent.Create(body) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, key);
        return client.SendAsync(request, Ct);
    }

    private static async Task<ProviderPaymentResponse> StartedAsync(HttpClient client, object body)
    {
        var response = await StartAsync(client, Guid.NewGuid().ToString(), body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!;
    }

    /// <summary>The development provider calls billing back, signed, as a real provider would (no platform token).</summary>
    private Task<HttpResponseMessage> CallbackAsync(string reference, bool confirmed, DateTimeOffset? at = null)
    {
        var client = billing.CreateClient();
        return client.SendAsync(Provider.Callback(new Uri(client.BaseAddress!, "/api/billing/payments/callbacks/development"), reference, confirmed, at ?? DateTimeOffset.UtcNow), Ct);
    }

    private Task<int> PaymentsAsync(Guid estateId) => billing.QueryAsync(db => db.Payments.CountAsync(p => p.EstateId == estateId, Ct));

    [Fact]
    public async Task An_online_payment_confirmed_by_the_providers_signed_callback_is_booked_with_a_receipt_oldest_items_first()
    {
        var (estateId, unitId, older, newer) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 120m, method = "online" });
        started.Status.Should().Be("pending");
        (await PaymentsAsync(estateId)).Should().Be(0, "nothing is booked before the provider confirms");

        var response = await CallbackAsync(started.Reference, confirmed: true);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var done = (await response.Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!;
        done.Status.Should().Be("confirmed");
        var payment = (await billing.Cashier(estateId).GetFromJsonAsync<PaymentResponse>($"/api/billing/payments/{done.PaymentId}", ApiJson.Options, Ct))!;
        payment.Allocations.Should().BeEquivalentTo([new AllocationResponse(older, 100m), new AllocationResponse(newer, 20m)], "the oldest item is settled in full first");
        (payment.Method, payment.ReceiptNumber).Should().Be(("online", $"R{BillingService.LocalToday.Year}-000001"));
        (await billing.PublishedAsync<PaymentReceived>(p => p.PaymentId == payment.Id)).Method.Should().Be("online");
    }

    [Fact]
    public async Task The_payer_pays_on_the_development_providers_page_without_a_token_and_billing_books_it_from_the_signed_callback()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 120m, method = "online" });
        started.RedirectUrl.Should().Be($"/api/billing/payments/development/checkout/{started.Reference}", "the payer's browser opens it through the gateway it uses");
        var payer = billing.CreateClient();

        var page = await payer.GetAsync(started.RedirectUrl, Ct);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.Should().Contain("120.00 CNY").And.Contain($"action=\"{started.RedirectUrl}/pay\"").And.Contain($"action=\"{started.RedirectUrl}/decline\"");
        (await PaymentsAsync(estateId)).Should().Be(0, "opening the page pays nothing");

        var paid = await payer.PostAsync($"{started.RedirectUrl}/pay", null, Ct);

        paid.StatusCode.Should().Be(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync(Ct));
        (await paid.Content.ReadAsStringAsync(Ct)).Should().Contain("The payment is paid");
        var payment = (await billing.Cashier(estateId).GetFromJsonAsync<ProviderPaymentResponse>($"/api/billing/payments/online/{started.Id}", ApiJson.Options, Ct))!;
        (payment.Status, payment.PaymentId).Should().Match<(string Status, Guid? PaymentId)>(p => p.Status == "confirmed" && p.PaymentId != null);
        (await PaymentsAsync(estateId)).Should().Be(1);
        var again = await (await payer.PostAsync($"{started.RedirectUrl}/pay", null, Ct)).Content.ReadAsStringAsync(Ct);
        again.Should().Contain("The payment is paid");
        (await PaymentsAsync(estateId)).Should().Be(1, "pressing Pay twice books once: the callback applies once");
        (await (await payer.GetAsync(started.RedirectUrl, Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain("is paid").And.NotContain("<form");
    }

    [Fact]
    public async Task Declining_on_the_development_providers_page_fails_the_payment_and_an_unknown_reference_is_not_found()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 150m, method = "online" });
        var payer = billing.CreateClient();

        var declined = await payer.PostAsync($"{started.RedirectUrl}/decline", null, Ct);

        declined.StatusCode.Should().Be(HttpStatusCode.OK);
        (await declined.Content.ReadAsStringAsync(Ct)).Should().Contain("The payment is declined");
        (await billing.Cashier(estateId).GetFromJsonAsync<ProviderPaymentResponse>($"/api/billing/payments/online/{started.Id}", ApiJson.Options, Ct))!
            .Status.Should().Be("failed");
        (await PaymentsAsync(estateId)).Should().Be(0);
        (await payer.GetAsync("/api/billing/payments/development/checkout/dev_nosuchpayment", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await payer.PostAsync("/api/billing/payments/development/checkout/dev_nosuchpayment/pay", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_direct_debit_the_provider_fails_allocates_nothing_and_issues_no_receipt()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 150m, method = "direct-debit" });

        var response = await CallbackAsync(started.Reference, confirmed: false);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!.Status.Should().Be("failed");
        (await PaymentsAsync(estateId)).Should().Be(0);
        (await billing.QueryAsync(db => db.Allocations.CountAsync(a => a.EstateId == estateId, Ct))).Should().Be(0);
        (await CallbackAsync(started.Reference, confirmed: true)).StatusCode.Should().Be(HttpStatusCode.OK, "a late contradicting callback is answered, not applied");
        (await PaymentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_callback_with_a_forged_signature_or_a_stale_timestamp_is_refused_and_changes_nothing()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 150m, method = "online" });
        var client = billing.CreateClient();
        var url = new Uri(client.BaseAddress!, "/api/billing/payments/callbacks/development");

        var forged = Provider.Callback(url, started.Reference, confirmed: true, DateTimeOffset.UtcNow);
        forged.Headers.Remove(DevelopmentPaymentProvider.SignatureHeader);
        forged.Headers.Add(DevelopmentPaymentProvider.SignatureHeader, new string('a', 64));
        (await client.SendAsync(forged, Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await CallbackAsync(started.Reference, confirmed: true, DateTimeOffset.UtcNow.AddMinutes(-10))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var tampered = Provider.Callback(url, started.Reference, confirmed: false, DateTimeOffset.UtcNow);
        var signature = tampered.Headers.GetValues(DevelopmentPaymentProvider.SignatureHeader).Single();
        using var swapped = Provider.Callback(url, started.Reference, confirmed: true, DateTimeOffset.UtcNow);
        swapped.Headers.Remove(DevelopmentPaymentProvider.SignatureHeader);
        swapped.Headers.Add(DevelopmentPaymentProvider.SignatureHeader, signature);
        (await client.SendAsync(swapped, Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the signature covers the body");

        (await PaymentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task Repeated_and_concurrent_callbacks_book_the_payment_exactly_once()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 150m, method = "online" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CallbackAsync(started.Reference, confirmed: true)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await PaymentsAsync(estateId)).Should().Be(1);
        (await billing.QueryAsync(db => db.ReceiptCounters.Where(c => c.EstateId == estateId).Select(c => c.LastNumber).SingleAsync(Ct))).Should().Be(1);
        (await billing.QueryAsync(db => db.Allocations.Where(a => a.EstateId == estateId).SumAsync(a => a.Amount, Ct))).Should().Be(150m);
    }

    [Fact]
    public async Task Starting_an_online_payment_again_with_the_same_key_gives_the_same_payment_and_another_body_is_409()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var cashier = billing.Cashier(estateId);
        var key = Guid.NewGuid().ToString();

        var first = await StartAsync(cashier, key, new { unitId, amount = 10m, method = "online" });
        var again = await StartAsync(cashier, key, new { unitId, amount = 10.00m, method = "online" });
        var other = await StartAsync(cashier, key, new { unitId, amount = 11m, method = "online" });

        (first.StatusCode, again.StatusCode, other.StatusCode).Should().Be((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict));
        (await again.Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!.Id
            .Should().Be((await first.Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!.Id);
        (await billing.QueryAsync(db => db.ProviderPayments.CountAsync(p => p.EstateId == estateId, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task Bad_online_payment_input_is_refused_naming_every_field_and_the_counter_takes_no_online_payments()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var cashier = billing.Cashier(estateId);

        var bad = await StartAsync(cashier, Guid.NewGuid().ToString(), new { unitId, amount = 10.001m, method = "cash" });
        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("amount", "method");
        var counter = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 10m, method = "online" }) };
        counter.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        (await (await cashier.SendAsync(counter, Ct)).ErrorFieldsAsync()).Should().Equal("method");

        (await billing.QueryAsync(db => db.ProviderPayments.CountAsync(p => p.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Without_a_payment_provider_billing_still_serves_and_refuses_online_payments_plainly()
    {
        // Production registers no development provider: until a real one is configured, billing must still build its
        // endpoints and answer, with online payments refused on the method field.
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        await using var withoutProvider = billing.Factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPaymentProvider>();
            // Only the web host itself runs: this second instance must not take the first one's messages, runs or timers.
            foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                         && d.ImplementationType?.Assembly.GetName().Name?.StartsWith("Microsoft.", StringComparison.Ordinal) != true).ToList())
            {
                services.Remove(hosted);
            }
        }));
        var cashier = withoutProvider.CreateClient();
        cashier.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(TestCaller.Staff(PlatformRoles.Cashier, estateId), billing.Audience));

        (await cashier.GetAsync($"/api/billing/units/{unitId}/account", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var online = await StartAsync(cashier, Guid.NewGuid().ToString(), new { unitId, amount = 10m, method = "online" });
        (await online.ErrorFieldsAsync()).Should().Equal("method");
        (await billing.QueryAsync(db => db.ProviderPayments.CountAsync(p => p.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task An_owner_pays_online_for_their_own_unit_only()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var (otherUnit, _) = await billing.UnitAsync(estateId, 60m, movedInOn: null);
        var owner = billing.CreateClient(TestCaller.Owner(estateId, unitId));

        (await StartAsync(owner, Guid.NewGuid().ToString(), new { unitId, amount = 10m, method = "online" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await StartAsync(owner, Guid.NewGuid().ToString(), new { unitId = otherUnit, amount = 10m, method = "online" })).StatusCode
            .Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_receipt_downloads_as_a_PDF_titled_with_its_number()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var pay = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 120m, method = "cash" }) };
        pay.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var payment = (await (await billing.Cashier(estateId).SendAsync(pay, Ct)).Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;

        var response = await billing.CreateClient(TestCaller.Owner(estateId, unitId)).GetAsync($"/api/billing/payments/{payment.Id}/receipt.pdf", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        await using var pdf = await response.Content.ReadAsStreamAsync(Ct);
        using var document = PdfReader.Open(pdf, PdfDocumentOpenMode.Import);
        (document.PageCount, document.Info.Title).Should().Be((1, $"Receipt {payment.ReceiptNumber}"));
        (await billing.CreateClient(TestCaller.Owner(estateId, Guid.NewGuid())).GetAsync($"/api/billing/payments/{payment.Id}/receipt.pdf", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "another owner's receipt is not theirs to see");
    }

    [Fact]
    public async Task The_counter_finds_a_unit_by_its_number_with_its_open_items_in_one_call()
    {
        var (estateId, unitId, older, newer) = await UnitOwingAsync();
        var number = await billing.QueryAsync(db => db.Units.Where(u => u.UnitId == unitId).Select(u => u.Number).SingleAsync(Ct));

        var account = (await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>(
            $"/api/billing/units/account?estateId={estateId}&number={Uri.EscapeDataString(number)}", ApiJson.Options, Ct))!;

        (account.UnitId, account.Balance).Should().Be((unitId, 150m));
        account.OpenItems.Select(i => i.Id).Should().Equal(older, newer);
    }

    private static Task<HttpResponseMessage> RefundAsync(HttpClient client, Guid paymentId, decimal amount, string method, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/billing/payments/{paymentId}/refunds")
        {
            Content = JsonContent.Create(new { amount, method, reason = "Paid for the wrong unit" }),
        };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, key);
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task An_online_refund_is_paid_back_by_the_provider_that_collected_the_payment_once_even_when_it_was_down_at_first()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var started = await StartedAsync(billing.Cashier(estateId), new { unitId, amount = 120m, method = "online" });
        var paymentId = (await (await CallbackAsync(started.Reference, confirmed: true)).Content.ReadFromJsonAsync<ProviderPaymentResponse>(ApiJson.Options, Ct))!.PaymentId!.Value;
        var manager = billing.Manager(estateId);
        (await manager.PostAsJsonAsync($"/api/billing/payments/{paymentId}/reversal", new { reason = "Paid for the wrong unit" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();

        HttpResponseMessage first;
        Provider.RefundsUnavailable = true;
        try
        {
            first = await RefundAsync(manager, paymentId, 120m, "online", key);
        }
        finally
        {
            Provider.RefundsUnavailable = false;
        }

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        var refund = (await first.Content.ReadFromJsonAsync<RefundResponse>(ApiJson.Options, Ct))!;
        (refund.Provider, refund.SentToProviderAt).Should().Be(("development", (DateTimeOffset?)null), "the provider was down: the refund is kept and asked for again");
        Provider.Refunds.Should().NotContain(r => r.RefundId == refund.Id);

        var sent = await billing.QueryAsync(db => ProviderRefunds.SendDueAsync(
            db, billing.Services.GetServices<IPaymentProvider>(), DateTimeOffset.UtcNow, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Ct));
        var retried = await RefundAsync(manager, paymentId, 120m, "online", key);

        sent.Should().BePositive();
        retried.StatusCode.Should().Be(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync(Ct));
        var answered = (await retried.Content.ReadFromJsonAsync<RefundResponse>(ApiJson.Options, Ct))!;
        (answered.Id, answered.ProviderReference).Should().Be((refund.Id, $"devrefund_{refund.Id:N}"));
        answered.SentToProviderAt.Should().NotBeNull();
        Provider.Refunds.Where(r => r.RefundId == refund.Id).Should().ContainSingle("the provider pays the refund back once")
            .Which.Should().Be(new ProviderRefundRequest(refund.Id, started.Reference, 120m, "CNY"), "to the payment it collected");
        (await billing.PublishedAsync<PaymentRefunded>(r => r.RefundId == refund.Id)).Method.Should().Be("online");
    }

    [Fact]
    public async Task A_payment_taken_at_the_counter_cannot_be_refunded_through_a_provider_and_nothing_is_stored()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync();
        var counter = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 20m, method = "cash" }) };
        counter.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var paid = (await (await billing.Cashier(estateId).SendAsync(counter, Ct)).Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
        var manager = billing.Manager(estateId);
        (await manager.PostAsJsonAsync($"/api/billing/payments/{paid.Id}/reversal", new { reason = "Paid for the wrong unit" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await RefundAsync(manager, paid.Id, 20m, "online", Guid.NewGuid().ToString());

        (await response.ErrorFieldsAsync()).Should().Equal("method");
        (await billing.QueryAsync(db => db.Refunds.CountAsync(f => f.PaymentId == paid.Id, Ct))).Should().Be(0);
    }
}
