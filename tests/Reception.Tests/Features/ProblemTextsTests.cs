using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Reception.Features.Parcels;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features;

/// <summary>
/// A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>, as the web app sends for a Chinese user) reads reception's
/// problem details in Chinese, from Resources/ProblemTexts.zh-CN.resx; any other caller keeps the English.
/// </summary>
public sealed class ProblemTextsTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitId;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        (_estateId, _unitId) = (estateId, unitIds[0]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk(string? language = null)
    {
        var client = reception.CreateClient(TestCaller.Clerk(_estateId));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new(language));
        }

        return client;
    }

    private object ParcelFor(Guid unitId, DateTimeOffset? receivedAt = null) =>
        new { estateId = _estateId, unitId, carrier = "SF Express", trackingNumber = "SF1234567890", shelf = "A-3", receivedAt };

    private static async Task<ValidationProblemDetails> FieldErrors(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
    }

    private static async Task<ProblemDetails> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
    }

    [Fact]
    public async Task Field_errors_are_in_chinese_for_a_caller_asking_for_zh_CN_with_their_numbers_filled_in()
    {
        var (_, foreignUnits) = await reception.NewEstateAsync();
        var tooOld = ParcelFor(_unitId, receivedAt: DateTimeOffset.UtcNow.AddDays(-30));

        var chineseAge = await FieldErrors(await Clerk("zh-CN").PostAsJsonAsync("/api/reception/parcels", tooOld, Ct));
        var chineseUnit = await FieldErrors(await Clerk("zh-CN").PostAsJsonAsync("/api/reception/parcels", ParcelFor(foreignUnits[0]), Ct));
        var englishAge = await FieldErrors(await Clerk().PostAsJsonAsync("/api/reception/parcels", tooOld, Ct));
        var englishUnit = await FieldErrors(await Clerk("en").PostAsJsonAsync("/api/reception/parcels", ParcelFor(foreignUnits[0]), Ct));

        chineseAge.Errors["receivedAt"].Should().Equal("不能是将来的时间，也不能早于 7 天前。");
        chineseUnit.Errors["unitId"].Should().Equal("本小区没有该房屋。");
        englishAge.Errors["receivedAt"].Should().Equal("Must not be in the future nor more than 7 days ago.");
        englishUnit.Errors["unitId"].Should().Equal("No such unit in this estate.");
    }

    [Fact]
    public async Task A_conflict_is_explained_in_chinese_with_when_and_by_whom_for_a_caller_asking_for_zh_CN()
    {
        var received = await Clerk().PostAsJsonAsync("/api/reception/parcels", ParcelFor(_unitId), Ct);
        var parcel = (await received.Content.ReadFromJsonAsync<ParcelResponse>(ApiJson.Options, Ct))!;
        var collected = await Clerk().PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Zhang Min" }, Ct);
        var at = (await collected.Content.ReadFromJsonAsync<ParcelResponse>(ApiJson.Options, Ct))!.CollectedAt!.Value
            .ToString("u", CultureInfo.InvariantCulture);

        var chinese = await Problem(
            await Clerk("zh-CN").PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Li Na" }, Ct), HttpStatusCode.Conflict);
        var english = await Problem(
            await Clerk().PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Li Na" }, Ct), HttpStatusCode.Conflict);

        chinese.Detail.Should().Be($"该包裹已于 {at} 由 Zhang Min 领取。");
        english.Detail.Should().Be($"The parcel was already collected at {at} by Zhang Min.");
    }

    [Fact]
    public async Task A_missing_record_is_named_in_chinese_for_a_caller_asking_for_zh_CN()
    {
        var id = Guid.NewGuid();

        var chinese = await Problem(await Clerk("zh-CN").GetAsync($"/api/reception/parcels/{id}", Ct), HttpStatusCode.NotFound);
        var english = await Problem(await Clerk().GetAsync($"/api/reception/parcels/{id}", Ct), HttpStatusCode.NotFound);

        chinese.Detail.Should().Be($"未找到包裹（{id}）。");
        english.Detail.Should().Be($"Parcel '{id}' was not found.");
    }
}
