using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.ServiceDefaults.Hosting;
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
}
