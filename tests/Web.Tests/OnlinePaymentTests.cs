using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Owner.Money;

namespace PropertyPlatform.Web.Tests;

/// <summary>The owner's online payment: started with the attempt's key, then billing asked until the provider's word is in.</summary>
public sealed class OnlinePaymentTests
{
    private static readonly Guid PaymentId = Guid.NewGuid();

    /// <summary>Billing answering an online payment's states in turn; records what it was asked and with which key.</summary>
    private sealed class Billing(params string[] states) : HttpMessageHandler
    {
        private int _asked;

        public List<string> Keys { get; } = [];

        public int Reads => _asked;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Keys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            }
            else
            {
                _asked++;
            }

            var status = states[Math.Min(_asked, states.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(Payment(status), options: GatewayClient.Json) });
        }
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }

    private static OnlinePaymentView Payment(string status) => new(
        PaymentId, Guid.NewGuid(), Guid.NewGuid(), 13m, "CNY", "online", "development", "dev_1", null, status, status == "failed" ? "Card declined" : null,
        status == "confirmed" ? Guid.NewGuid() : null, DateTimeOffset.UnixEpoch, null);

    private static GatewayClient Gateway(Billing billing) => new(new HttpClient(billing) { BaseAddress = new Uri(GatewayClient.GatewayAddress) }, new Anonymous());

    [Fact]
    public async Task Billing_is_asked_again_while_the_payment_is_pending_and_the_providers_outcome_is_answered()
    {
        var billing = new Billing("pending", "pending", "pending", "confirmed");

        var settled = await OnlinePayment.SettledAsync(Gateway(billing), PaymentId, TimeSpan.Zero, TestContext.Current.CancellationToken);

        settled.Value!.Status.Should().Be("confirmed");
        settled.Value.PaymentId.Should().NotBeNull();
        billing.Reads.Should().Be(3);
    }

    [Fact]
    public async Task A_second_tap_on_the_same_payment_sends_the_same_idempotency_key()
    {
        var billing = new Billing("pending");
        var attempt = new Components.Pages.Cashier.CounterAttempt("owner-online");
        var unit = Guid.NewGuid();

        await OnlinePayment.StartAsync(Gateway(billing), unit, 13m, attempt.KeyFor(unit, 13m, OnlinePayment.Method));
        await OnlinePayment.StartAsync(Gateway(billing), unit, 13m, attempt.KeyFor(unit, 13.00m, OnlinePayment.Method));

        billing.Keys.Should().HaveCount(2).And.OnlyContain(key => key == billing.Keys[0] && key.StartsWith("owner-online-", StringComparison.Ordinal));
    }
}
