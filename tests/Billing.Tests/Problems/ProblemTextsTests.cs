using System.Net;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Problems;

/// <summary>A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>) reads billing's problem texts in Chinese; any other caller in English.</summary>
public sealed class ProblemTextsTests(BillingService billing)
{
    [Fact]
    public async Task A_field_error_is_in_Chinese_for_a_zh_CN_caller_and_in_English_for_others()
    {
        var estateId = await billing.NewEstateAsync();
        var command = new { estateId, feeItem = "paid-service", amount = 2m, effectiveFrom = "2026-01-01" };

        var chinese = await billing.Manager(estateId).ProblemAsync(HttpMethod.Post, "/api/billing/rates", command, "zh-CN", HttpStatusCode.BadRequest);
        var english = await billing.Manager(estateId).ProblemAsync(HttpMethod.Post, "/api/billing/rates", command, null, HttpStatusCode.BadRequest);

        var englishError = english.GetProperty("errors").GetProperty("feeItem")[0].GetString()!;
        englishError.Should().StartWith("Must be one of the fee items priced by a rate: management-fee, ").And.EndWith(".");
        var feeItems = englishError["Must be one of the fee items priced by a rate: ".Length..^1];
        chinese.GetProperty("errors").GetProperty("feeItem")[0].GetString().Should().Be($"须为按费率计价的收费项目之一：{feeItems}。");
    }

    [Fact]
    public async Task A_conflict_keeps_its_value_inside_the_Chinese_sentence()
    {
        var estateId = await billing.NewEstateAsync();
        var rate = await billing.ApprovedRateAsync(estateId, "management-fee", 2.5m, new DateOnly(2026, 1, 1));
        var path = $"/api/billing/rates/{rate.Id}/approve";

        var chinese = await billing.Admin().ProblemAsync(HttpMethod.Post, path, null, "zh-CN", HttpStatusCode.Conflict);
        var english = await billing.Admin().ProblemAsync(HttpMethod.Post, path, null, null, HttpStatusCode.Conflict);

        chinese.GetProperty("detail").GetString().Should().Be($"费率“{rate.Id}”已批准；已批准的费率不能修改，请提交新版本。");
        english.GetProperty("detail").GetString().Should().Be($"Rate '{rate.Id}' is approved already; an approved rate never changes, propose a new version instead.");
    }
}
