using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.RegistryImports;

/// <summary>
/// A reception of its own for the imports of tens of thousands of units. Each unit is announced (<see cref="UnitRegistered"/>)
/// through the outbox, which publishes in sequence: in the assembly's shared reception, 30,000 announcements would queue
/// ahead of every other test's events, and on a loaded CI machine those tests waited past their time.
/// </summary>
public sealed class ReceptionForLargeImports : ReceptionService;

[Collection(nameof(RunsAlone))]
public sealed class LargeRegistryImportTests(ReceptionForLargeImports reception) : IClassFixture<ReceptionForLargeImports>
{
    private const string Header = "buildingCode,buildingName,number,floor,floorArea,usage,status,ownerName,ownerPhone,ownerIdNumber";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReceptionDbContext Db(IServiceProvider services) => services.GetRequiredService<ReceptionDbContext>();

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient clerk, Guid estateId, List<string> lines, Guid correlationId)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reception/estates/{estateId}/registry-imports")
        {
            Content = new MultipartFormDataContent { { file, "file", "registry.csv" } },
        };
        request.Headers.Add(CorrelationContext.HeaderName, correlationId.ToString());
        return await clerk.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_10000_unit_file_is_imported_in_the_background_in_seconds_with_its_progress_readable()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var correlationId = Guid.NewGuid();
        var lines = new List<string> { Header };
        for (var i = 0; i < 10_000; i++)
        {
            var building = i / 500;
            lines.Add($"T{building},Tower {building},{i % 500 + 1:D4},{i % 500 / 10 + 1},{80 + i % 7}.25,residential,,,,");
        }

        var clock = Stopwatch.StartNew();
        var response = await ImportAsync(clerk, estateId, lines, correlationId);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var queued = (await response.Content.ReadFromJsonAsync<RegistryImportResponse>(ApiJson.Options, Ct))!;
        queued.Status.Should().Be(RegistryImportStatus.Queued);
        (queued.RowsTotal, queued.RowsProcessed).Should().Be((10_000, 0));
        var seen = new List<RegistryImportResponse>();
        RegistryImportResponse current;
        do
        {
            await Task.Delay(100, Ct);
            current = (await clerk.GetFromJsonAsync<RegistryImportResponse>(response.Headers.Location, ApiJson.Options, Ct))!;
            seen.Add(current);
        }
        while (current.Status is RegistryImportStatus.Queued or RegistryImportStatus.Running && clock.Elapsed < TimeSpan.FromMinutes(3)); // a wait limit: how fast is the benchmark's to say

        current.Status.Should().Be(RegistryImportStatus.Completed);
        (current.RowsProcessed, current.BuildingsCreated, current.UnitsCreated).Should().Be((10_000, 20, 10_000));
        seen.Select(s => s.RowsProcessed).Should().BeInAscendingOrder();
        seen.Should().Contain(s => s.Status == RegistryImportStatus.Running && s.RowsProcessed > 0 && s.RowsProcessed < 10_000,
            "progress is committed after each chunk, while the import's own transaction is still open");
        (await reception.InScopeAsync(sp => Db(sp).Units.CountAsync(u => u.EstateId == estateId, Ct))).Should().Be(10_001);
        var announced = await reception.InScopeAsync(sp => Db(sp).OutboxMessages
            .CountAsync(m => m.CorrelationId == correlationId && m.EventType.StartsWith(typeof(UnitRegistered).FullName!), Ct));
        announced.Should().Be(10_000);
    }

    [Fact]
    public async Task A_long_import_whose_worker_is_alive_is_not_claimed_by_another_worker_nor_its_success_overwritten_as_failed()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var correlationId = Guid.NewGuid();
        var lines = new List<string> { Header };
        for (var i = 0; i < 20_000; i++)
        {
            lines.Add($"L{i / 500},Long {i / 500},{i % 500 + 1:D4},{i % 500 / 10 + 1},80.5,residential,,,,");
        }

        var response = await ImportAsync(clerk, estateId, lines, correlationId);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = response.Headers.Location;

        RegistryImportResponse? import = null;
        await Eventually.Async(async () =>
        {
            import = await clerk.GetFromJsonAsync<RegistryImportResponse>(location, ApiJson.Options, Ct);
            return import!.Status == RegistryImportStatus.Running && import.RowsProcessed > 0;
        }, TimeSpan.FromSeconds(60));

        // The import has been running for an hour, by its start time, and its worker is still at it: a second replica
        // looking for work must leave it alone.
        await reception.InScopeAsync(sp => Db(sp).Database.ExecuteSqlAsync(
            $"UPDATE registry_imports SET started_at = {DateTimeOffset.UtcNow.AddHours(-1)} WHERE id = {import!.Id}", Ct));
        using var secondReplica = ActivatorUtilities.CreateInstance<RegistryImportWorker>(reception.Services);
        await ((IHostedService)secondReplica).StartAsync(Ct);
        try
        {
            await Eventually.Async(async () =>
            {
                import = await clerk.GetFromJsonAsync<RegistryImportResponse>(location, ApiJson.Options, Ct);
                return import!.Status is not (RegistryImportStatus.Queued or RegistryImportStatus.Running);
            }, TimeSpan.FromSeconds(90));
            // The second worker, had it taken the import, finishes after the first: give it the time to.
            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        }
        finally
        {
            await ((IHostedService)secondReplica).StopAsync(Ct);
        }

        import = await clerk.GetFromJsonAsync<RegistryImportResponse>(location, ApiJson.Options, Ct);
        import!.Status.Should().Be(RegistryImportStatus.Completed, string.Join("; ", import.Errors.Select(e => e.Message)));
        (import.UnitsCreated, import.Errors.Count).Should().Be((20_000, 0));
        var announced = await reception.InScopeAsync(sp => Db(sp).OutboxMessages
            .CountAsync(m => m.CorrelationId == correlationId && m.EventType.StartsWith(typeof(UnitRegistered).FullName!), Ct));
        announced.Should().Be(20_000, "the file was written once");
    }
}
