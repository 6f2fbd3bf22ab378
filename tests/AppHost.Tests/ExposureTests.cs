using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>Exposing the platform to the network, refused while the published demo password still signs in.</summary>
public sealed class ExposureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://0.0.0.0:18888", false, false)]
    [InlineData("http://+:18888", false, false)]
    [InlineData("http://[::]:18889", false, false)]
    [InlineData("http://dashboard.example:18888", false, false)]
    [InlineData("http://localhost:18888", false, true)]
    [InlineData("http://127.0.0.1:18889", false, true)]
    [InlineData("http://[::1]:18890", false, true)]
    [InlineData("http://0.0.0.0:18888", true, true)]
    public void A_dashboard_address_beyond_loopback_stops_the_start_unless_exposing_was_chosen(string url, bool exposeToNetwork, bool allowed)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [NetworkExposure.Setting] = exposeToNetwork ? "true" : null }).Build();

        var check = () => NetworkExposure.EnsureLoopbackUnlessExposed(url, "the Aspire dashboard (ASPNETCORE_URLS)", configuration);

        if (allowed)
        {
            check.Should().NotThrow();
        }
        else
        {
            check.Should().Throw<DistributedApplicationException>().WithMessage($"*listens beyond loopback*{NetworkExposure.Setting}=true*");
        }
    }

    [Fact]
    public async Task Exposing_is_refused_while_identitys_database_holds_a_demo_account_with_the_published_password()
    {
        await using var infrastructure = await PlatformInfrastructure.StartAsync(postgres: true, rabbitMq: false);
        var identityDatabase = await infrastructure.CreateDatabaseAsync("identity");
        await using (var connection = new NpgsqlConnection(identityDatabase))
        {
            await connection.OpenAsync(Ct);
            // identity's accounts table, as far as the check reads it (src/Identity/Data/Migrations).
            await new NpgsqlCommand("CREATE TABLE accounts (user_name text, normalized_user_name text, password_hash text)", connection).ExecuteNonQueryAsync(Ct);
            var hasher = new PasswordHasher<object>();
            foreach (var (userName, password) in new[] { ("admin", "Demo-Pass-2026"), ("clerk.north", "a-password-of-its-own"), ("someone.else", "Demo-Pass-2026") })
            {
                await new NpgsqlCommand("INSERT INTO accounts VALUES ($1, upper($1), $2)", connection)
                {
                    Parameters = { new() { Value = userName }, new() { Value = hasher.HashPassword(new object(), password) } },
                }.ExecuteNonQueryAsync(Ct);
            }
        }

        var refusal = () => NetworkExposure.RefuseWhileDemoAccountsHaveThePublishedPasswordAsync(identityDatabase, Ct);

        (await refusal.Should().ThrowAsync<DistributedApplicationException>()).Which.Message.Should()
            .Contain($"{NetworkExposure.Setting}=true is refused").And.Contain("admin").And.NotContain("clerk.north").And.NotContain("someone.else");
    }

    [Fact]
    public async Task An_exposed_gateway_does_not_start_while_identity_holds_the_demo_accounts_with_the_published_password()
    {
        var state = TestState.CreateDirectory("apphost-exposed");
        try
        {
            // Not Development, so the model lets the gateway be exposed; identity holds the demo accounts all the same
            // (seeded by hand here, as by a Development run before with the same state folder). Testing, because
            // Production would refuse the seed switch and plain HTTP before the gateway's check is reached.
            var builder = await AppHostTesting.CreateBuilderAsync(state, Ct, $"--{NetworkExposure.Setting}=true", "--AppHost:Environment=Testing");
            builder.Project("identity").WithEnvironment("Identity__SeedDemoData", "true");
            await using var app = await builder.BuildAsync(Ct);
            // The whole model starts (the gateway's check waits for identity); as long as the browser and end-to-end
            // tests allow for a full start, since CI runs them side by side on two cores (one took more than 5 minutes).
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(AppHostTesting.FullStartTimeout);
            ResourceEvent gateway;
            try
            {
                await app.StartAsync(timeout.Token);
                gateway = await app.ResourceNotifications.WaitForResourceAsync("gateway",
                    e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart || e.Snapshot.State?.Text == KnownResourceStates.Running, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The gateway neither started nor failed to within {AppHostTesting.FullStartTimeout}: " +
                    await DemoSystem.DescribeUnreadyAsync(app));
            }

            gateway.Snapshot.State!.Text.Should().Be(KnownResourceStates.FailedToStart);
            var logs = new List<string>();
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(gateway.Resource).WithCancellation(timeout.Token))
            {
                logs.AddRange(batch.Select(line => line.Content));
            }

            logs.Should().Contain(l => l.Contains($"{NetworkExposure.Setting}=true is refused: the demo accounts", StringComparison.Ordinal) && l.Contains(" admin,", StringComparison.Ordinal));
            ListeningSockets.OfPlatform([Environment.ProcessId]).Should().OnlyContain(s => s.IsLoopback);
        }
        finally
        {
            TestState.Delete(state);
        }
    }
}
