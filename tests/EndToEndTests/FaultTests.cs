using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The broker stops, a service is killed, the database restarts, each while requests keep arriving:
/// afterwards every accepted request has exactly one work order. 0 lost, 0 doubled.
/// </summary>
public sealed class FaultTests(Platform platform)
{
    private const int Requests = 200;
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_broker_stopped_while_200_requests_arrive_none_is_lost_or_doubled()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        await platform.StopAsync("messaging");
        ConcurrentBag<Guid> accepted;
        try
        {
            accepted = await PostRepairsAsync(estateId, Requests, fault: null);
        }
        finally
        {
            await platform.StartAsync("messaging");
        }

        accepted.Should().HaveCount(Requests, "reception takes requests while the broker is away: the events wait in its outbox");
        await platform.AssertExactlyOneWorkOrderPerRequestAsync(estateId, accepted, Settle);
        await platform.WaitUntilAllHealthyAsync(Settle);
    }

    /// <summary>
    /// Reception hears of each payment through billing's payment-received notification for the owner, which billing
    /// writes to its outbox in the payment's transaction, beside <c>PaymentReceived</c>: the owner's inbox at reception
    /// shows whether each payment arrived, and how often.
    /// </summary>
    [Fact]
    public async Task With_the_broker_stopped_counter_payments_still_commit_and_each_reaches_reception_exactly_once_after_it_returns()
    {
        const int payments = 10;
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        using var owner = await platform.OwnerAppAsync(estateId, unitId, Ct);
        var (_, cashier) = await platform.StaffAccountAsync(estateId, [PlatformRoles.Cashier], "Fault Cashier", Ct);
        await Eventually.Async(async () =>
        {
            var account = await cashier.GetAsync($"/api/billing/units/{unitId}/account", Ct);
            return account.IsSuccessStatusCode
                && (await account.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("ownerId").ValueKind == JsonValueKind.String;
        }, Platform.WaitLimit, "billing learns the unit and its owner, whom each payment is announced to");

        await platform.StopAsync("messaging");
        var paid = new List<Guid>();
        try
        {
            for (var i = 1; i <= payments; i++)
            {
                var key = $"fault-{Guid.NewGuid():N}";
                var payment = new { unitId, amount = 10m + i, method = "cash" };
                var created = await Platform.OkAsync(await BillingFlowTests.PayAtCounterAsync(cashier, key, payment), HttpStatusCode.Created);
                var retried = await Platform.OkAsync(await BillingFlowTests.PayAtCounterAsync(cashier, key, payment));
                retried.GetProperty("id").GetGuid().Should().Be(created.GetProperty("id").GetGuid(), "a retry while the broker is away is the same payment");
                paid.Add(created.GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await platform.StartAsync("messaging");
        }

        List<string?> announced = [];
        await Eventually.Async(async () =>
        {
            var inbox = await owner.GetFromJsonAsync<JsonElement>("/api/reception/notifications?limit=100", ApiJson.Options, Ct);
            announced = [.. inbox.GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("templateKey").GetString() == "payment-received")
                .Select(n => n.GetProperty("data").GetProperty("paymentId").GetString())];
            return announced.Count >= payments;
        }, Settle, "billing's outbox delivers every payment once the broker is back");
        announced.Should().OnlyHaveUniqueItems("no payment reaches reception twice");
        announced.Select(id => Guid.Parse(id!)).Should().BeEquivalentTo(paid, "every payment committed while the broker was away reaches reception");
        await platform.WaitUntilAllHealthyAsync(Settle);
    }

    [Fact]
    public async Task With_maintenance_killed_mid_stream_and_restarted_from_the_dashboard_none_is_lost_or_doubled()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var crashed = new TaskCompletionSource<CustomResourceSnapshot>();

        var accepted = await PostRepairsAsync(estateId, Requests, fault: (Requests / 3, async () =>
        {
            await platform.KillAsync("maintenance");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var exited = await platform.App.ResourceNotifications.WaitForResourceAsync(
                "maintenance", e => e.Snapshot.State?.Text is "Exited" or "Finished", timeout.Token);
            crashed.SetResult(exited.Snapshot);
            await platform.StartAsync("maintenance");
        }));

        var crash = await crashed.Task;
        crash.ExitCode.Should().NotBe(0, "the dashboard shows the crash with its exit code");
        accepted.Should().HaveCount(Requests, "reception takes requests while maintenance is down: the events wait in the broker");
        await platform.AssertExactlyOneWorkOrderPerRequestAsync(estateId, accepted, Settle);
        await platform.WaitUntilAllHealthyAsync(Settle);
    }

    [Fact]
    public async Task With_postgres_restarted_mid_stream_services_recover_by_themselves_and_none_is_lost_or_doubled()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var services = new[] { "reception", "maintenance" };
        var processesBefore = new Dictionary<string, int>();
        foreach (var service in services)
        {
            processesBefore[service] = await platform.ProcessIdAsync(service);
        }


        var accepted = await PostRepairsAsync(estateId, Requests, fault: (Requests / 3, async () =>
        {
            await platform.StopAsync("postgres");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await platform.StartAsync("postgres");
        }));

        accepted.Should().NotBeEmpty();
        await platform.AssertExactlyOneWorkOrderPerRequestAsync(estateId, accepted, Settle);
        foreach (var service in services)
        {
            (await platform.ProcessIdAsync(service)).Should().Be(processesBefore[service], $"{service} reconnects without being restarted");
        }

        var after = await platform.PostRepairAsync(estateId, "After the database came back", Ct);
        after.Should().NotBeNull("the services serve again once the database is back");
        await platform.WaitUntilAllHealthyAsync(Settle);
    }

    /// <summary>
    /// The cashier's screen retries a payment with its Idempotency-Key until billing answers. PostgreSQL goes away for a
    /// while in the middle: every payment ends exactly once, and the estate's receipt numbers still run without a gap
    /// (a payment's number is taken in its own transaction, so one that failed takes none).
    /// </summary>
    [Fact]
    public async Task With_postgres_restarted_while_counter_payments_are_retried_each_key_is_one_payment_and_receipts_have_no_gap()
    {
        const int payments = 24;
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (_, cashier) = await platform.StaffAccountAsync(estateId, [PlatformRoles.Cashier], "Outage Cashier", Ct);
        await Eventually.Async(async () => (await cashier.GetAsync($"/api/billing/units/{unitId}/account", Ct)).IsSuccessStatusCode,
            Platform.WaitLimit, "billing learns the unit from reception");

        var paid = new ConcurrentDictionary<string, Guid>();
        Task? fault = null;
        for (var i = 1; i <= payments; i++)
        {
            if (i == payments / 3)
            {
                fault = Task.Run(async () =>
                {
                    await platform.StopAsync("postgres");
                    await Task.Delay(TimeSpan.FromSeconds(3), Ct);
                    await platform.StartAsync("postgres");
                }, Ct);
            }

            var key = $"outage-{Guid.NewGuid():N}";
            var payment = new { unitId, amount = 10m + i, method = "cash" };
            await Eventually.Async(async () =>
            {
                try
                {
                    var response = await BillingFlowTests.PayAtCounterAsync(cashier, key, payment);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        paid[key] = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
                        return true;
                    }

                    ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(500, "only the outage may refuse a payment: " + await response.Content.ReadAsStringAsync(Ct));
                    return false;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, Settle, "the cashier's retries get through once the database is back");
        }

        await fault!;
        var recorded = await platform.GetAllAsync($"/api/billing/payments?unitId={unitId}", Ct);
        recorded.Should().HaveCount(payments, "each key is one payment, however often it was tried");
        recorded.Select(p => p.GetProperty("id").GetGuid()).Should().BeEquivalentTo(paid.Values);
        var year = recorded[0].GetProperty("receiptNumber").GetString()![..5];
        recorded.Select(p => p.GetProperty("receiptNumber").GetString()).Order(StringComparer.Ordinal)
            .Should().Equal(Enumerable.Range(1, payments).Select(n => $"{year}-{n:000000}"), "the estate's receipt numbers run without a gap");
        await platform.WaitUntilAllHealthyAsync(Settle);
    }

    /// <summary>Posts <paramref name="count"/> repair requests, 8 at a time; runs <paramref name="fault"/> after the given number.</summary>
    private async Task<ConcurrentBag<Guid>> PostRepairsAsync(Guid estateId, int count, (int After, Func<Task> Inject)? fault)
    {
        var accepted = new ConcurrentBag<Guid>();
        var posted = 0;
        Task? faultTask = null;
        var faultLock = new Lock();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var id = await platform.PostRepairAsync(estateId, $"Fault test repair {i}", ct);
            if (id is { } value)
            {
                accepted.Add(value);
            }

            if (fault is { } f && Interlocked.Increment(ref posted) == f.After)
            {
                lock (faultLock)
                {
                    faultTask = f.Inject();
                }
            }
        });

        if (faultTask is not null)
        {
            await faultTask;
        }

        return accepted;
    }
}
