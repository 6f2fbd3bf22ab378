using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.RegistryImports;

public sealed class RegistryImportApiTests(ReceptionService reception)
{
    private const string Header = "buildingCode,buildingName,number,floor,floorArea,usage,status,ownerName,ownerPhone,ownerIdNumber";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReceptionDbContext Db(IServiceProvider services) => services.GetRequiredService<ReceptionDbContext>();

    private static MultipartFormDataContent FileForm(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static MultipartFormDataContent Csv(params string[] lines) => FileForm(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "registry.csv");

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid estateId, MultipartFormDataContent form, Guid? correlationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reception/estates/{estateId}/registry-imports") { Content = form };
        if (correlationId is { } id)
        {
            request.Headers.Add(CorrelationContext.HeaderName, id.ToString());
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<RegistryImportResponse> ReadImportAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<RegistryImportResponse>(ApiJson.Options, Ct))!;

    private static async Task<List<RowError>> RowErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.GetProperty("rowErrors").Deserialize<List<RowError>>(ApiJson.Options)!;
    }

    private Task<int> UnitCountAsync(Guid estateId) => reception.InScopeAsync(sp => Db(sp).Units.CountAsync(u => u.EstateId == estateId, Ct));

    [Fact]
    public async Task A_small_csv_creates_buildings_units_and_owners_at_once_and_announces_each_through_the_outbox()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var correlationId = Guid.NewGuid();

        var clerk = TestCaller.Clerk(estateId);
        var response = await ImportAsync(reception.CreateClient(clerk), estateId, Csv(
            Header,
            "A,\"Tower A, \"\"the tall one\"\"\",101,1,89.55,residential,,Li Wei,138 1234 5678,110101199003071234",
            "A,\"Tower A, \"\"the tall one\"\"\",102,1,120,Residential,occupied,Li Wei,13812345678,110101199003071234",
            "1,Building 1,301,3,64.10,commercial,,,,",
            ""), correlationId);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var import = await ReadImportAsync(response);
        import.Status.Should().Be(RegistryImportStatus.Completed);
        (import.RowsTotal, import.RowsProcessed, import.BuildingsCreated, import.UnitsCreated, import.OwnersCreated).Should().Be((3, 3, 1, 3, 1));
        response.Headers.Location!.ToString().Should().Be($"/api/reception/registry-imports/{import.Id}");

        await reception.InScopeAsync(async sp =>
        {
            var db = Db(sp);
            var tower = await db.Buildings.SingleAsync(b => b.EstateId == estateId && b.Code == "A", Ct);
            tower.Name.Should().Be("Tower A, \"the tall one\"");
            var units = await db.Units.Where(u => u.EstateId == estateId).ToListAsync(Ct);
            units.Should().Contain(u => u.Number == "101" && u.BuildingId == tower.Id && u.FloorArea == 89.55m && u.Status == UnitStatus.Vacant);
            units.Should().Contain(u => u.Number == "102" && u.Status == UnitStatus.Occupied);
            units.Should().Contain(u => u.Number == "301" && u.Usage == UnitUsage.Commercial && u.FloorArea == 64.10m);
            var owner = await db.Owners.SingleAsync(o => o.EstateId == estateId, Ct);
            owner.Phone.Should().Be("13812345678");
            owner.UnitIds.Should().HaveCount(2);

            var events = await db.OutboxMessages.Where(m => m.CorrelationId == correlationId).ToListAsync(Ct);
            events.Count(m => m.EventType.StartsWith(typeof(UnitRegistered).FullName!, StringComparison.Ordinal)).Should().Be(3);
            events.Should().ContainSingle(m => m.EventType.StartsWith(typeof(OwnerRegistered).FullName!, StringComparison.Ordinal)
                                               && m.Payload.Contains(owner.Id.ToString(), StringComparison.Ordinal));

            // Audited as the single-record endpoints are, in the name of whoever uploaded the file, private data masked
            // (the changes are jsonb: PostgreSQL writes them as "key": value).
            var audit = await db.Set<AuditEntry>().Where(a => a.CorrelationId == correlationId && (a.EntityType == "Unit" || a.EntityType == "Owner")).ToListAsync(Ct);
            audit.Select(a => (a.EntityType, a.EntityId, a.Action, a.Actor, a.EstateId)).Should().BeEquivalentTo(
                units.Where(u => u.BuildingId == tower.Id || u.Number == "301").Select(u => ("Unit", u.Id.ToString(), AuditAction.Created, clerk.Subject, (Guid?)estateId))
                    .Append(("Owner", owner.Id.ToString(), AuditAction.Created, clerk.Subject, estateId)));
            audit.Single(a => a.EntityId == owner.Id.ToString()).Changes.Should().Contain("\"Phone\": \"***\"").And.NotContain("13812345678");
            audit.Single(a => a.EntityType == "Unit" && a.Changes.Contains("\"Number\": \"101\"", StringComparison.Ordinal)).Changes
                .Should().Contain("\"FloorArea\": 89.55").And.Contain("\"Status\": \"Vacant\"");
            return 0;
        });
    }

    [Fact]
    public async Task An_xlsx_workbook_is_read_like_a_csv_with_numbers_kept_exact()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Units");
        string[] columns = ["number", "buildingCode", "buildingName", "floor", "floorArea", "usage"];
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c];
        }

        sheet.Cell(2, 1).Value = "1201";
        sheet.Cell(2, 2).Value = "X";
        sheet.Cell(2, 3).Value = "Building X";
        sheet.Cell(2, 4).Value = 12;
        sheet.Cell(2, 5).Value = 89.55;
        sheet.Cell(2, 6).Value = "parking";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var response = await ImportAsync(reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId)), estateId,
            FileForm(stream.ToArray(), "registry.xlsx"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var unit = await reception.InScopeAsync(sp => Db(sp).Units.SingleAsync(u => u.EstateId == estateId && u.Number == "1201", Ct));
        (unit.Floor, unit.FloorArea, unit.Usage).Should().Be((12, 89.55m, UnitUsage.Parking));
    }

    [Fact]
    public async Task A_queued_xlsx_import_writes_the_rows_its_upload_read_with_numbers_and_owners_kept_exact()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Units");
        string[] columns = ["number", "buildingCode", "buildingName", "floor", "floorArea", "usage", "ownerName", "ownerPhone", "ownerIdNumber"];
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c];
        }

        // One row past the inline limit: the upload reads and checks the workbook, the worker writes what it read.
        for (var i = 0; i <= RegistryImportApi.InlineRowLimit; i++)
        {
            var row = i + 2;
            sheet.Cell(row, 1).Value = $"Q{i + 1}";
            sheet.Cell(row, 2).Value = "Q";
            sheet.Cell(row, 3).Value = "Building Q";
            sheet.Cell(row, 4).Value = i / 10 + 1;
            sheet.Cell(row, 5).Value = 89.55;
            sheet.Cell(row, 6).Value = "residential";
        }

        sheet.Cell(2, 7).Value = "Wang Fang";
        sheet.Cell(2, 8).Value = "13900002222";
        sheet.Cell(2, 9).Value = "110101199003072222";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var response = await ImportAsync(clerk, estateId, FileForm(stream.ToArray(), "registry.xlsx"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        RegistryImportResponse current = null!;
        await Eventually.Async(async () =>
        {
            current = (await clerk.GetFromJsonAsync<RegistryImportResponse>(response.Headers.Location, ApiJson.Options, Ct))!;
            return current.Status is not (RegistryImportStatus.Queued or RegistryImportStatus.Running);
        }, TimeSpan.FromSeconds(60));
        (current.Status, current.UnitsCreated, current.OwnersCreated).Should().Be((RegistryImportStatus.Completed, RegistryImportApi.InlineRowLimit + 1, 1));
        var first = await reception.InScopeAsync(sp => Db(sp).Units.SingleAsync(u => u.EstateId == estateId && u.Number == "Q1", Ct));
        (first.Floor, first.FloorArea).Should().Be((1, 89.55m));
        var owner = await reception.InScopeAsync(sp => Db(sp).Owners.SingleAsync(o => o.EstateId == estateId, Ct));
        (owner.FullName, owner.Phone, owner.UnitIds).Should().BeEquivalentTo(("Wang Fang", "13900002222", new[] { first.Id }));
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_each_row_and_column_and_stores_nothing()
    {
        var (estateId, _) = await reception.NewEstateAsync();

        var response = await ImportAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId, Csv(
            Header,
            "B,Building B,101,1,80,residential,,,,",
            "B,Building B,102,one,80.123,castle,,,,",
            "B,Building B,101,1,80,residential,,,,",
            "B,Another name,103,1,80,residential,,,,",
            "B,Building B,,1,80,residential,,Wang Fang,,",
            "B,Building B,105,1,80,residential,,Zhao Lei,13900000001,110101199003070001",
            "B,Building B,106,1,80,residential,,Qian Yu,13900000001,110101199003070002"));

        var errors = await RowErrorsAsync(response);
        errors.Select(e => (e.Row, e.Column)).Should().BeEquivalentTo(new[]
        {
            (3, "floor"), (3, "floorArea"), (3, "usage"),
            (4, "number"),
            (5, "buildingName"),
            (6, "number"), (6, "ownerPhone"), (6, "ownerIdNumber"),
            (8, "ownerPhone"),
        });
        errors.Single(e => e.Row == 4).Message.Should().Contain("row 2");
        var problem = JsonSerializer.Deserialize<ValidationProblemDetails>(await response.Content.ReadAsStringAsync(Ct), ApiJson.Options)!;
        problem.Errors.Keys.Should().Contain(["rows[3].floorArea", "rows[8].ownerPhone"]);
        (await UnitCountAsync(estateId)).Should().Be(1, "only the estate's own unit exists: nothing of the file was stored");
        (await reception.InScopeAsync(sp => Db(sp).Buildings.AnyAsync(b => b.EstateId == estateId && b.Code == "B", Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task Units_and_owners_the_estate_has_already_are_duplicates_and_a_renamed_building_is_an_error()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId, fullName = "Li Wei", phone = "13812345678", idNumber = "110101199003071234", unitIds = units,
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await ImportAsync(clerk, estateId, Csv(
            Header,
            "1,Building 1,101,1,80,residential,,,,",
            "1,Building 1,102,1,80,residential,,Li Wei,13812345678,110101199003071234",
            "2,Building 2,101,1,80,residential,,,,"));
        var renamed = await ImportAsync(clerk, estateId, Csv(Header, "1,Block One,103,1,80,residential,,,,"));

        (await RowErrorsAsync(response)).Select(e => (e.Row, e.Column)).Should().BeEquivalentTo(new[] { (2, "number"), (3, "ownerPhone") });
        (await RowErrorsAsync(renamed)).Should().ContainSingle(e => e.Row == 2 && e.Column == "buildingName");
        (await UnitCountAsync(estateId)).Should().Be(1);
    }

    public static TheoryData<string, string> MalformedFiles => new()
    {
        { "registry.txt", Header + "\n1,Building 1,201,2,80,residential,,,," },
        { "registry.csv", "building,unit,area\n1,201,80" },
        { "registry.csv", "buildingCode,buildingName,number,floor,floorArea,usage,number\n1,B,201,2,80,residential,202" },
        { "registry.csv", Header },
        { "registry.csv", "latin1:" + Header + "\n1,Gebäude,201,2,80,residential,,,," },
        { "registry.xlsx", "PK\u0003\u0004 not really a workbook" },
        { "registry.csv", Header + "\n1,\"Building 1,201,2,80,residential,,,," },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_file_that_is_not_a_readable_csv_or_xlsx_with_the_documented_header_is_refused_naming_the_file(string fileName, string content)
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var bytes = content.StartsWith("latin1:", StringComparison.Ordinal)
            ? Encoding.Latin1.GetBytes(content["latin1:".Length..])
            : Encoding.UTF8.GetBytes(content);

        var response = await ImportAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId, FileForm(bytes, fileName));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.Should().Equal("file");
        (await UnitCountAsync(estateId)).Should().Be(1);
    }

    [Fact]
    public async Task An_upload_without_a_file_is_refused_naming_the_file()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        var response = await ImportAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId, form);

        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("file");
    }

    [Fact]
    public async Task Only_the_estates_registry_keepers_import_and_read_its_imports()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        string[] row = [Header, "C,Building C,101,1,80,residential,,,,"];

        (await ImportAsync(reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId)), estateId, Csv(row)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ImportAsync(reception.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, estateId)), estateId, Csv(row)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ImportAsync(reception.CreateClient(TestCaller.Clerk(otherEstate)), estateId, Csv(row)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await UnitCountAsync(estateId)).Should().Be(1);

        var import = await ReadImportAsync(await ImportAsync(reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId)), estateId, Csv(row)));
        (await reception.CreateClient(TestCaller.Clerk(otherEstate)).GetAsync($"/api/reception/registry-imports/{import.Id}", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<Page<RegistryImportResponse>>($"/api/reception/registry-imports?estateId={estateId}", ApiJson.Options, Ct);
        listed!.Items.Should().ContainSingle(i => i.Id == import.Id);
    }

    [Fact]
    public async Task A_queued_file_that_no_longer_fits_the_registry_when_its_turn_comes_fails_with_its_errors_and_stores_nothing()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", Header, "D,Building D,101,1,80,residential,,,,", "1,Building 1,101,1,80,residential,,,,"));
        // Queued as the upload would queue it; meanwhile unit 101 of building 1 was registered (by the estate's set-up).
        var importId = await reception.InScopeAsync(async sp =>
        {
            var db = Db(sp);
            var import = RegistryImport.Queue(estateId, "late.csv", 2, "clerk", Guid.NewGuid(), DateTimeOffset.UtcNow);
            db.RegistryImports.Add(import);
            db.RegistryImportFiles.Add(RegistryImportFile.Of(import, csv));
            await db.SaveChangesAsync(Ct);
            sp.GetRequiredService<WorkSignal<RegistryImportWorker>>().Notify();
            return import.Id;
        });
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        RegistryImportResponse? import = null;
        await Eventually.Async(async () =>
        {
            import = await clerk.GetFromJsonAsync<RegistryImportResponse>($"/api/reception/registry-imports/{importId}", ApiJson.Options, Ct);
            return import!.Status == RegistryImportStatus.Failed;
        }, TimeSpan.FromSeconds(30));

        import!.Errors.Should().ContainSingle(e => e.Row == 3 && e.Column == "number");
        import.RowsProcessed.Should().Be(0);
        (await reception.InScopeAsync(sp => Db(sp).Buildings.AnyAsync(b => b.EstateId == estateId && b.Code == "D", Ct))).Should().BeFalse();
        (await reception.InScopeAsync(sp => Db(sp).RegistryImportFiles.AnyAsync(f => f.ImportId == importId, Ct)))
            .Should().BeFalse("the uploaded file, full of personal data, is deleted once the import has finished");
    }
}
