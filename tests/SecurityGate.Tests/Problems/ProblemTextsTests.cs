using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Problems;

/// <summary>A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>) reads security-gate's problem texts in Chinese; any other caller in English.</summary>
public sealed class ProblemTextsTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPlate() => $"沪B{Random.Shared.Next(10000, 99999)}";

    [Fact]
    public async Task A_field_error_is_in_Chinese_for_a_zh_CN_caller_and_in_English_for_others()
    {
        var estate = await gate.NewEstateAsync();
        var visitorCar = new { estateId = estate, plate = NewPlate(), enteredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };

        var chinese = await gate.Guard(estate).ProblemAsync(HttpMethod.Post, "/api/security-gate/parking/sessions", visitorCar, "zh-CN", HttpStatusCode.BadRequest);
        var english = await gate.Guard(estate).ProblemAsync(HttpMethod.Post, "/api/security-gate/parking/sessions", visitorCar, null, HttpStatusCode.BadRequest);

        chinese.GetProperty("errors").GetProperty("unitId")[0].GetString().Should().Be("访客车辆必填：所访房屋，超时停车费由该户承担。");
        english.GetProperty("errors").GetProperty("unitId")[0].GetString().Should().Be("Required for a visitor's vehicle: the unit visited, which pays an overstay.");
    }

    [Fact]
    public async Task A_conflict_keeps_its_value_inside_the_Chinese_sentence()
    {
        var estate = await gate.NewEstateAsync();
        var plate = NewPlate();
        var visitorCar = new { estateId = estate, plate, unitId = Guid.NewGuid(), enteredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/parking/sessions", visitorCar, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var chinese = await gate.Guard(estate).ProblemAsync(HttpMethod.Post, "/api/security-gate/parking/sessions", visitorCar, "zh-CN", HttpStatusCode.Conflict);
        var english = await gate.Guard(estate).ProblemAsync(HttpMethod.Post, "/api/security-gate/parking/sessions", visitorCar, null, HttpStatusCode.Conflict);

        chinese.GetProperty("detail").GetString().Should().Be($"车辆 {plate} 已在场内，请先登记出场。");
        english.GetProperty("detail").GetString().Should().Be($"Vehicle {plate} is inside already; record its exit first.");
    }
}
