using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.RegistryImports;

[Collection(nameof(RunsAlone))]
public sealed class RegistryImportWorkerTests(ReceptionService reception)
{
    private const string Header = "buildingCode,buildingName,number,floor,floorArea,usage,status,ownerName,ownerPhone,ownerIdNumber";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReceptionDbContext Db(IServiceProvider services) => services.GetRequiredService<ReceptionDbContext>();

    [Fact]
    public async Task An_import_whose_worker_died_twice_is_parked_not_retried_forever()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", Header, "P,Building P,101,1,80,residential,,,,"));
        var longAgo = DateTimeOffset.UtcNow.AddHours(-1);
        var importId = await reception.InScopeAsync(async sp =>
        {
            var db = Db(sp);
            var import = RegistryImport.Queue(estateId, "crashes-the-worker.csv", 1, "clerk", Guid.NewGuid(), longAgo);
            db.RegistryImports.Add(import);
            db.RegistryImportFiles.Add(RegistryImportFile.Of(import, csv));
            await db.SaveChangesAsync(Ct);
            // As a process that died during its second attempt leaves it: still running, its heartbeat long stopped.
            await db.Database.ExecuteSqlAsync(
                $"UPDATE registry_imports SET status = 'Running', attempts = 2, started_at = {longAgo}, heartbeat_at = {longAgo} WHERE id = {import.Id}", Ct);
            sp.GetRequiredService<WorkSignal<RegistryImportWorker>>().Notify();
            return import.Id;
        });
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        JsonElement import = default;
        await Eventually.Async(async () =>
        {
            import = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/registry-imports/{importId}", Ct);
            return import.GetProperty("status").GetString() is not ("Queued" or "Running");
        }, TimeSpan.FromSeconds(30));

        import.GetProperty("status").GetString().Should().Be("Parked");
        import.GetProperty("errors").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("message").GetString().Should().Contain("2 attempts");
        (await reception.InScopeAsync(sp => Db(sp).Buildings.AnyAsync(b => b.EstateId == estateId && b.Code == "P", Ct)))
            .Should().BeFalse("a parked import is not run a third time");
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

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reception/estates/{estateId}/registry-imports")
        {
            Content = new MultipartFormDataContent { { file, "file", "long.csv" } },
        };
        request.Headers.Add(CorrelationContext.HeaderName, correlationId.ToString());
        var response = await clerk.SendAsync(request, Ct);
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
