using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.RegistryImports;

/// <summary>
/// Tests that measure the whole process (its allocations), or hold the service's one import worker for long: nothing
/// else runs beside them.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(RunsAlone))]
public sealed class RegistryFileLimitsTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Columns = ["buildingCode", "buildingName", "number", "floor", "floorArea", "usage"];

    private async Task<(HttpStatusCode Status, string[] FileErrors, long AllocatedBytes)> UploadAsync(byte[] workbook)
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var form = new MultipartFormDataContent { { file, "file", "registry.xlsx" } };
        var client = reception.CreateClient(TestCaller.Clerk(estateId));

        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var response = await client.PostAsync($"/api/reception/estates/{estateId}/registry-imports", form, Ct);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        var problem = response.StatusCode == HttpStatusCode.BadRequest
            ? await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct)
            : null;
        string[] fileErrors = problem is not null && problem.Errors.TryGetValue("file", out var messages) ? messages : [];
        return (response.StatusCode, fileErrors, allocated);
    }

    [Fact]
    public async Task An_xlsx_with_one_cell_at_column_XFD_and_50000_rows_is_refused_naming_the_column_limit_without_building_gigabytes()
    {
        // Fifty thousand rows are allowed; one stray cell in the last column Excel has (XFD, the 16384th) must not make
        // every row sixteen thousand cells wide.
        var workbook = TestWorkbooks.Parts(sheetData =>
        {
            sheetData.Write("<row r=\"1\">");
            for (var c = 0; c < Columns.Length; c++)
            {
                sheetData.Write($"<c r=\"{(char)('A' + c)}1\" t=\"inlineStr\"><is><t>{Columns[c]}</t></is></c>");
            }

            sheetData.Write("</row>");
            for (var r = 2; r < 50_000; r++)
            {
                sheetData.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>T{r}</t></is></c></row>");
            }

            sheetData.Write("<row r=\"50000\"><c r=\"A50000\" t=\"inlineStr\"><is><t>T50000</t></is></c><c r=\"XFD50000\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        });

        var (status, errors, allocated) = await UploadAsync(workbook);

        status.Should().Be(HttpStatusCode.BadRequest);
        errors.Should().ContainSingle().Which.Should().Contain("At most 64 columns").And.Contain("XFD");
        allocated.Should().BeLessThan(512L * 1024 * 1024, "the sheet is measured as it streams by, never expanded into cells");
    }

    [Fact]
    public async Task A_zip_bomb_in_shared_strings_is_refused_naming_the_limit_before_it_is_unpacked()
    {
        // A quarter of a gigabyte of one letter packs into a few hundred kilobytes.
        var workbook = TestWorkbooks.Parts(
            sheetData => sheetData.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
            sharedStrings =>
            {
                sharedStrings.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
                var chunk = new string('A', 1024 * 1024);
                for (var i = 0; i < 256; i++)
                {
                    sharedStrings.Write(chunk);
                }

                sharedStrings.Write("</t></si></sst>");
            });
        workbook.Length.Should().BeLessThan(2 * 1024 * 1024, "the bomb is small enough to pass the upload size limit");

        var (status, errors, allocated) = await UploadAsync(workbook);

        status.Should().Be(HttpStatusCode.BadRequest);
        errors.Should().ContainSingle().Which.Should().Contain("xl/sharedStrings.xml").And.Contain("at most");
        allocated.Should().BeLessThan(128L * 1024 * 1024, "the declared sizes are checked before anything is unpacked");
    }

    [Fact]
    public async Task An_xlsx_nested_deeper_than_a_worksheet_ever_is_refused_naming_the_depth_limit()
    {
        var workbook = TestWorkbooks.Parts(sheetData => sheetData.Write(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>" + string.Concat(Enumerable.Repeat("<r>", 10_000)) +
            string.Concat(Enumerable.Repeat("</r>", 10_000)) + "</is></c></row>"));

        var (status, errors, _) = await UploadAsync(workbook);

        status.Should().Be(HttpStatusCode.BadRequest);
        errors.Should().ContainSingle().Which.Should().Contain("more than 32 deep");
    }
}
