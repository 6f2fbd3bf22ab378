using System.Net;
using PropertyPlatform.Maintenance.Features.Facilities;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Problems;

/// <summary>A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>) reads maintenance's problem texts in Chinese; any other caller in English.</summary>
public sealed class ProblemTextsTests(MaintenanceService maintenance)
{
    [Fact]
    public async Task A_field_error_is_in_Chinese_for_a_zh_CN_caller_and_in_English_for_others()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var command = new RegisterAssetCommand(world.EstateId, "PUMP 1!", "Booster pump", "Water", "Basement 2 pump room", null, null, null, null);

        var chinese = await world.Supervisor.ProblemAsync(HttpMethod.Post, "/api/maintenance/assets", command, "zh-CN", HttpStatusCode.BadRequest);
        var english = await world.Supervisor.ProblemAsync(HttpMethod.Post, "/api/maintenance/assets", command, null, HttpStatusCode.BadRequest);

        chinese.GetProperty("errors").GetProperty("code")[0].GetString().Should().Be("只能包含字母、数字、“-”、“_”和“.”：编码要印在标签上，并需手工输入。");
        english.GetProperty("errors").GetProperty("code")[0].GetString().Should().Be("Letters, digits, '-', '_' and '.' only: it is printed on a label and typed by hand.");
    }

    [Fact]
    public async Task A_conflict_keeps_its_value_inside_the_Chinese_sentence()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var order = await world.CreateAsync();
        var stranger = Guid.NewGuid();
        var path = $"/api/maintenance/work-orders/{order.Id}/dispatch";

        var chinese = await world.Supervisor.ProblemAsync(HttpMethod.Post, path, new { technicianId = stranger }, "zh-CN", HttpStatusCode.Conflict);
        var english = await world.Supervisor.ProblemAsync(HttpMethod.Post, path, new { technicianId = stranger }, null, HttpStatusCode.Conflict);

        chinese.GetProperty("detail").GetString().Should().Be($"据人事培训系统通报，技术员“{stranger}”不在本小区工作。");
        english.GetProperty("detail").GetString().Should().Be($"Technician '{stranger}' does not work in this estate as far as hr-training has told maintenance.");
    }
}
