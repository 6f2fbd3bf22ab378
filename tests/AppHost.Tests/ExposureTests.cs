using Aspire.Hosting;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using PropertyPlatform.AppHost.Hosting;
using System.Globalization;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>What the running platform opens to the network: by default nothing beyond loopback.</summary>
public sealed class ExposureTests
{
    private static readonly string[] Resources =
        ["postgres", "messaging", "reception", "maintenance", "billing", "security-gate", "hr-training", "identity", "gateway"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_no_port_of_the_platform_listens_beyond_loopback()
    {
        var state = TestState.CreateDirectory("apphost-exposure");
        try
        {
            var builder = await AppHostTesting.CreateBuilderAsync(state, Ct);
            await using var app = await builder.BuildAsync(Ct);
            await app.StartAsync(Ct);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }

            var processIds = new List<int>();
            foreach (var resource in Resources)
            {
                var snapshot = (await app.ResourceNotifications.WaitForResourceAsync(resource, _ => true, timeout.Token)).Snapshot;
                processIds.Add(Convert.ToInt32(snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture));
            }

            var sockets = ListeningSockets.OfPlatform(processIds);

            sockets.Should().Contain(s => s.Command.Contains("beam", StringComparison.Ordinal), "RabbitMQ's node is among the processes looked at");
            sockets.Should().Contain(s => s.Command.Contains("postgres", StringComparison.Ordinal), "PostgreSQL is among the processes looked at");
            sockets.Should().Contain(s => s.Command.Contains("Gateway", StringComparison.Ordinal), "the gateway is among the processes looked at");
            sockets.Where(s => !s.IsLoopback).Should().BeEmpty(
                "the gateway, every service, PostgreSQL, RabbitMQ (AMQP, management, distribution, epmd) and the orchestrator's proxies stay on loopback unless AppHost:ExposeToNetwork says otherwise");
        }
        finally
        {
            TestState.Delete(state);
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
}
