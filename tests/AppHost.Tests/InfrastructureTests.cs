using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.TestSupport;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The two executable resources really running: PostgreSQL and RabbitMQ from the AppHost's model.</summary>
public sealed class InfrastructureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DistributedApplication> StartAsync(DirectoryInfo state)
    {
        var builder = await AppHostTesting.CreateBuilderAsync(state, Ct, AppHostTesting.InfrastructureOnly);
        var app = await builder.BuildAsync(Ct);
        await app.StartAsync(Ct);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", timeout.Token);
        return app;
    }

    [Fact]
    public async Task Data_survives_a_restart_of_the_AppHost_and_stopping_it_leaves_no_process_behind()
    {
        var state = TestState.CreateDirectory("apphost-restart");
        try
        {
            await using (var first = await StartAsync(state))
            {
                await using var connection = new NpgsqlConnection(await first.GetConnectionStringAsync("postgres", Ct));
                await connection.OpenAsync(Ct);
                await new NpgsqlCommand("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')", connection).ExecuteNonQueryAsync(Ct);
                ProcessesUsing(state.FullName).Should().Contain(p => p.Contains("epmd", StringComparison.Ordinal) || p.Contains("beam", StringComparison.Ordinal));
            }

            await Eventually.Async(() => ProcessesUsing(state.FullName).Count == 0, TimeSpan.FromSeconds(30));
            ProcessesUsing(state.FullName).Should().BeEmpty("stopping the AppHost stops PostgreSQL, RabbitMQ and its epmd");

            await using var second = await StartAsync(state);
            await using var again = new NpgsqlConnection(await second.GetConnectionStringAsync("postgres", Ct));
            await again.OpenAsync(Ct);
            (await new NpgsqlCommand("SELECT value FROM kept", again).ExecuteScalarAsync(Ct)).Should().Be("still here");
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task Servers_listen_on_loopback_only_and_dead_letters_are_listed_and_replayed_by_resource_commands()
    {
        var state = TestState.CreateDirectory("apphost-infra");
        try
        {
            await using var app = await StartAsync(state);

            var listeners = ListeningAddresses(state.FullName);
            listeners.Should().NotBeEmpty();
            listeners.Should().OnlyContain(a => a.StartsWith("127.0.0.1:", StringComparison.Ordinal) || a.StartsWith("[::1]:", StringComparison.Ordinal),
                "PostgreSQL, AMQP, the management UI, Erlang distribution and epmd all bind to loopback");

            await using var connection = await new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync("messaging", Ct))!) }.CreateConnectionAsync(Ct);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            await channel.QueueDeclareAsync("work-orders", durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
            await channel.QueueDeclareAsync("work-orders_error", durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
            foreach (var id in new[] { "m-1", "m-2", "m-3" })
            {
                await PublishFaultedAsync(channel, id);
            }

            ExecuteCommandResult list = null!;
            await Eventually.Async(async () =>
            {
                list = await app.ResourceCommands.ExecuteCommandAsync("messaging", DeadLetterCommands.List, Ct);
                return list.Success && list.Message!.StartsWith("3 dead letters", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30));
            list.Data!.Value.Should().Contain("work-orders_error").And.Contain("m-2").And.Contain("Technician roster unavailable")
                .And.NotContain("u-7", "message bodies may hold personal data and are not shown");

            var one = await app.ResourceCommands.ExecuteCommandAsync("messaging", DeadLetterCommands.ReplayOne,
                new InteractionInputCollection([new InteractionInput { Name = DeadLetterCommands.MessageIdArgument, InputType = InputType.Text, Value = "m-2" }]), Ct);
            one.Success.Should().BeTrue(one.Message);
            (await channel.MessageCountAsync("work-orders", Ct)).Should().Be(1);
            var replayed = await channel.BasicGetAsync("work-orders", autoAck: true, Ct);
            replayed!.BasicProperties.MessageId.Should().Be("m-2");
            replayed.BasicProperties.Headers.Should().NotContainKey("MT-Fault-Message");

            var missing = await app.ResourceCommands.ExecuteCommandAsync("messaging", DeadLetterCommands.ReplayOne,
                new InteractionInputCollection([new InteractionInput { Name = DeadLetterCommands.MessageIdArgument, InputType = InputType.Text, Value = "nope" }]), Ct);
            missing.Success.Should().BeFalse();
            missing.Message.Should().Contain("nope");

            var all = await app.ResourceCommands.ExecuteCommandAsync("messaging", DeadLetterCommands.ReplayAll, Ct);
            all.Success.Should().BeTrue(all.Message);
            all.Message.Should().Be("Replayed 2 to work-orders");
            (await channel.MessageCountAsync("work-orders", Ct)).Should().Be(2);
            (await channel.MessageCountAsync("work-orders_error", Ct)).Should().Be(0);
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static async Task PublishFaultedAsync(IChannel channel, string messageId)
    {
        // What MassTransit leaves in an error queue: its JSON envelope plus MT-Fault-* headers.
        var body = $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:PropertyPlatform.Contracts:RepairRequested"],"message":{"unitId":"u-7"}}""";
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Fault-Message"] = "Technician roster unavailable",
                ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
                ["MT-Reason"] = "fault",
            },
        };
        await channel.BasicPublishAsync("", "work-orders_error", mandatory: false, properties, Encoding.UTF8.GetBytes(body), Ct);
    }

    /// <summary>Command lines of the processes whose command line or working folder is inside <paramref name="folder"/>.</summary>
    private static List<string> ProcessesUsing(string folder) =>
        [.. ProcessIds().Where(pid => IsUsing(pid, folder)).Select(pid => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '))];

    private static IEnumerable<string> ProcessIds() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).OfType<string>().Where(p => p.All(char.IsAsciiDigit));

    /// <summary>The local addresses the processes of the state folder listen on (from <c>ss</c>).</summary>
    private static List<string> ListeningAddresses(string folder)
    {
        var pids = ProcessIds().Where(pid => IsUsing(pid, folder)).ToHashSet();
        using var ss = Process.Start(new ProcessStartInfo("ss", "-ltnpH") { RedirectStandardOutput = true })!;
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => pids.Any(pid => line.Contains($"pid={pid},", StringComparison.Ordinal)))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])];
    }

    private static bool IsUsing(string pid, string folder)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            var workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
            return commandLine.Contains(folder, StringComparison.Ordinal) || workingDirectory.StartsWith(folder, StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
