using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Security;

/// <summary>
/// Masking is one rule per field: a detail page shows a phone exactly as its list does, for every role that reads both.
/// Only the roles that call people back (clerks, their supervisor) and an owner reading their own see a phone in full.
/// </summary>
public sealed class PersonalDataDisclosureTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Phone = "13812345678";
    private const string Masked = "138****5678";

    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "request", PlatformRoles.Technician, true },
        { "request", PlatformRoles.EstateManager, true },
        { "request", PlatformRoles.FrontDeskClerk, false },
        { "request", PlatformRoles.CustomerServiceSupervisor, false },
        { "request", PlatformRoles.Owner, false },
        { "renovation permit", PlatformRoles.Technician, true },
        { "renovation permit", PlatformRoles.EstateManager, true },
        { "renovation permit", PlatformRoles.FrontDeskClerk, false },
        { "owner", PlatformRoles.EstateManager, true },
        { "owner", PlatformRoles.FrontDeskClerk, false },
        { "resident", PlatformRoles.EstateManager, true },
        { "resident", PlatformRoles.FrontDeskClerk, false },
        { "move-in", PlatformRoles.EstateManager, true },
        { "move-in", PlatformRoles.FrontDeskClerk, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Detail_pages_mask_personal_data_exactly_as_their_lists_do(string record, string role, bool masked)
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var (detail, list, field) = await RecordAsync(clerk, record, estateId, units[0]);
        var caller = reception.CreateClient(role == PlatformRoles.Owner ? TestCaller.Owner(estateId, units[0]) : TestCaller.Staff(role, estateId));

        var fromDetail = await PhonesAsync(caller, detail, field);
        var fromList = await PhonesAsync(caller, list, field);

        fromDetail.Should().Equal(masked ? Masked : Phone);
        fromList.Should().Equal(fromDetail, "a list and its detail page apply the same rule");
    }

    [Fact]
    public async Task An_owners_id_number_is_masked_on_the_detail_page_as_in_the_roster()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var (detail, list, _) = await RecordAsync(clerk, "owner", estateId, units[0]);

        var fromDetail = await PhonesAsync(clerk, detail, "idNumber");
        var fromList = await PhonesAsync(clerk, list, "idNumber");

        fromDetail.Should().Equal("110***********1234");
        fromList.Should().Equal(fromDetail);
    }

    /// <summary>Records one <paramref name="record"/> with <see cref="Phone"/>: its detail URL, its list URL and the phone's field.</summary>
    private static async Task<(string Detail, string List, string Field)> RecordAsync(HttpClient clerk, string record, Guid estateId, Guid unitId)
    {
        switch (record)
        {
            case "request":
            {
                var id = await CreateAsync(clerk, "/api/reception/requests", new
                {
                    estateId, unitId, channel = "phone", category = "repair", description = "Leak under the sink", requesterName = "Li Wei", requesterPhone = Phone,
                });
                return ($"/api/reception/requests/{id}", $"/api/reception/requests?estateId={estateId}", "requesterPhone");
            }

            case "renovation permit":
            {
                var id = await CreateAsync(clerk, "/api/reception/renovation-permits", new
                {
                    estateId, unitId, contractor = "Good Build Co.", contractorPhone = Phone, scope = "Kitchen refit, no structural work",
                    plannedStart = InDays(10), plannedEnd = InDays(40), workers = Workers,
                });
                return ($"/api/reception/renovation-permits/{id}", $"/api/reception/renovation-permits?estateId={estateId}", "contractorPhone");
            }

            case "owner":
            {
                var id = await CreateAsync(clerk, "/api/reception/owners", new
                {
                    estateId, fullName = "Li Wei", phone = Phone, idNumber = "110101199003071234", unitIds = new[] { unitId },
                });
                return ($"/api/reception/owners/{id}", $"/api/reception/owners?estateId={estateId}", "phone");
            }

            default:
            {
                var moveIn = await clerk.PostAsJsonAsync("/api/reception/move-ins", new
                {
                    estateId, unitId, movedInOn = "2025-03-01", documentsChecked = true, keysHandedOver = 2,
                    meterReadings = new { water = 1m, electricity = 2m },
                    residents = new[] { new { kind = "tenant", fullName = "Sun Li", phone = Phone } },
                }, Ct);
                moveIn.StatusCode.Should().Be(HttpStatusCode.Created, await moveIn.Content.ReadAsStringAsync(Ct));
                var body = await moveIn.Content.ReadFromJsonAsync<JsonElement>(Ct);
                var residentId = body.GetProperty("residents")[0].GetProperty("id").GetString();
                return record == "resident"
                    ? ($"/api/reception/residents/{residentId}", $"/api/reception/residents?estateId={estateId}", "phone")
                    : ($"/api/reception/move-ins/{body.GetProperty("id").GetString()}", $"/api/reception/residents?estateId={estateId}", "phone");
            }
        }
    }

    private static readonly string[] Workers = ["Zhao Lei"];

    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> CreateAsync(HttpClient clerk, string url, object body)
    {
        var response = await clerk.PostAsJsonAsync(url, body, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Every value of <paramref name="field"/> in the response: a record, a page's items, or a move-in's residents.</summary>
    private static async Task<IReadOnlyList<string?>> PhonesAsync(HttpClient caller, string url, string field)
    {
        var response = await caller.GetAsync(url, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var records = body.TryGetProperty("items", out var items) ? items.EnumerateArray().ToArray()
            : body.TryGetProperty("residents", out var residents) ? residents.EnumerateArray().ToArray()
            : [body];
        return [.. records.Select(r => r.GetProperty(field).GetString())];
    }
}
