using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The everyday forms keep what was typed through a lost session: sent after the session ended, the form is back,
/// filled in and marked as kept, when the same user opens the page again (the mechanism itself is
/// <see cref="FormDraftTests"/>'s; here, that each page names its form). A page about a record finds it in
/// <see cref="Records"/>; every other list is empty.
/// </summary>
public sealed class KeptDraftsTests : GatewayPageTest
{
    private const string Estate = "6f1d3c9e-0b7a-4c55-9a61-2f7f0d8e1a01";
    private const string Complaint = "0d5a8f52-3e1c-4d8a-b7a4-5c1f2e9b7a11";
    private const string ClassifiedComplaint = "1e6b9a63-4f2d-4e9b-88b5-6d2a3fab8b22";
    private const string Callback = "2f7cab74-5a3e-4fac-99c6-7e3b4abc9c33";
    private const string Request = "3a8dbc85-6b4f-4abd-8ad7-8f4c5bcdad44";
    private const string Approval = "4b9ecd96-7c5a-4bce-9be8-9a5d6cdebe55";
    private const string Survey = "5cafdea7-8d6b-4cdf-acf9-ab6e7defcf66";
    private const string Unit = "6dbaefb8-9e7c-4de0-bd0a-bc7f8ef0d077";
    private const string WorkOrder = "7ecbf0c9-af8d-4ef1-8e1b-cd8a9f01e188";
    private const string Post = "8fdc01da-b09e-4f02-9f2c-de9ba012f299";
    private const string Session = "90ed12eb-c1af-4013-a03d-efacb1230a3a";
    private const string Course = "a1fe23fc-d2b0-4124-b14e-f0bdc2341b4b";
    private const string Enrolment = "b20f340d-e3c1-4235-825f-01ced3452c5c";
    private const string WangFang = "c3104510-f4d2-4346-9360-12dfe4563d6d";
    private const string ZhaoLei = "d4215621-05e3-4457-a471-23e0f5674e7e";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private bool _sessionLost;

    public KeptDraftsTests()
    {
        User.SetAuthorized("staff.north");
        // The callback approval's form is the estate manager's.
        User.SetRoles(PlatformRoles.EstateManager);
        User.SetClaims(new Claim(PlatformClaims.Subject, "staff-north"));
    }

    /// <summary>The records the pages below are about, by path; the rest of the services' lists are empty.</summary>
    private static readonly Dictionary<string, object> Records = new()
    {
        [$"/api/reception/estates/{Estate}"] = new EstateView(Guid.Parse(Estate), "North Garden", "Asia/Shanghai"),
        [$"/api/security-gate/posts"] = new[] { new { id = Post, estateId = Estate, name = "North gate", certification = "gate", uncovered = false } },
        [$"/api/reception/complaints/{Complaint}"] = new
        {
            id = Complaint, estateId = Estate, requestId = Request, complainantName = "Chen Jie", description = "Lift noise at night",
            status = "Assigned", recordedAt = Now, steps = Array.Empty<object>(), deadlineAt = Now.AddDays(2),
        },
        ["/api/reception/complaints"] = new
        {
            items = new[]
            {
                new { id = ClassifiedComplaint, estateId = Estate, requestId = Request, complainantName = "Chen Jie", description = "Bins not emptied",
                    status = "Classified", recordedAt = Now, steps = Array.Empty<object>(), deadlineAt = Now.AddHours(1) },
            },
        },
        [$"/api/reception/callbacks/{Callback}"] = new
        {
            id = Callback, estateId = Estate, requestId = Request, category = "Repair", selection = "Repair", status = "Pending",
            createdAt = Now, dueAt = Now.AddDays(1),
        },
        [$"/api/reception/requests/{Request}"] = new
        {
            id = Request, estateId = Estate, channel = "Phone", category = "Repair", urgency = "Normal", description = "Tap drips",
            requesterName = "Chen Jie", status = "Resolved", receivedAt = Now, routeBy = Now, feedbackDueBy = Now,
        },
        ["/api/reception/callback-approvals"] = new
        {
            items = new[] { new { id = Approval, estateId = Estate, weekStart = "2026-11-23", status = "Pending", dueAt = Now } },
        },
        [$"/api/reception/callback-approvals/{Approval}"] = new { id = Approval, estateId = Estate, weekStart = "2026-11-23", status = "Pending", dueAt = Now },
        ["/api/reception/units/mine"] = new
        {
            items = new[] { new { id = Unit, estateId = Estate, estateName = "North Garden", timeZoneId = "Asia/Shanghai", buildingCode = "B1", number = "1201" } },
        },
        [$"/api/reception/surveys/{Survey}"] = new
        {
            id = Survey, estateId = Estate, title = "Autumn survey", opensOn = "2026-12-01", closesOn = "2026-12-31", status = "Open",
            questions = new[] { new { number = 1, kind = "Text", text = "What should we do better?", required = false, options = Array.Empty<string>() } },
            createdAt = Now,
        },
        [$"/api/maintenance/work-orders/{WorkOrder}"] = new
        {
            id = WorkOrder, estateId = Estate, area = "Pump room", source = "Patrol", description = "Pump leaks", urgency = "Normal", status = "OnSite",
            createdAt = Now, partsUsed = Array.Empty<object>(), completionPhotoIds = Array.Empty<Guid>(), responseDueAt = Now, completionDueAt = Now.AddDays(1),
        },
        [$"/api/hr-training/training/sessions/{Session}"] = new { id = Session, estateId = Estate, courseId = Course, startsAt = Now, trainer = "trainer.north" },
        [$"/api/hr-training/training/sessions/{Session}/enrolments"] = new[]
        {
            new { enrolment = new { id = Enrolment, sessionId = Session, courseId = Course, staffId = Guid.NewGuid(), outcome = "Enrolled" }, staffName = "Li Na" },
        },
        ["/api/hr-training/staff"] = new
        {
            items = new[]
            {
                new { staffId = WangFang, displayName = "Wang Fang", position = "technician", homeEstateId = Estate, status = "Active" },
                new { staffId = ZhaoLei, displayName = "Zhao Lei", position = "technician", homeEstateId = Estate, status = "Active" },
            },
        },
    };

    public static TheoryData<string, string, string, string> Forms => new()
    {
        { "gate visitors", "gate/visitors", "visitorName", "Zhao Lei" },
        { "gate patrol", "gate/patrol", "checkpointCode", "CP-NORTH-07" },
        { "gate pass check", "gate/pass", "token", "PASS-7Q2K" },
        { "desk parcels", "desk/parcels", "carrier", "SF Express" },
        { "desk keys", "desk/keys", "label", "Pump room B2" },
        { "desk owners", "desk/owners", "fullName", "Li Wei" },
        { "gate handover", "gate/handover", "notes", "Torch battery low" },
        { "gate exit permits", "gate/exits", "items", "Two mattresses" },
        { "desk callback", $"desk/callbacks?callback={Callback}", "shortcomings", "Came an hour late" },
        { "desk complaint", $"desk/complaints/{Complaint}", "resolution", "Lift motor mount replaced" },
        { "supervisor complaint assignment", $"supervisor/complaints?complaint={ClassifiedComplaint}", "responsiblePerson", "Zhou Min" },
        { "supervisor callback approval", $"supervisor/callback-approvals?approval={Approval}", "note", "Two callbacks to redo" },
        { "owner survey", $"owner/surveys/{Survey}", "question-1", "Answer the phone faster" },
        { "technician completion", $"tech/work-orders/{WorkOrder}", "notes", "Seal replaced, tested" },
        { "training exam", $"training/sessions/{Session}", "score", "85" },
        { "supervisor survey writing", "supervisor/surveys", "title", "Winter satisfaction" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task What_was_typed_before_the_session_was_lost_is_back_in_the_form(string _, string page, string field, string typed)
    {
        var (component, routeValues) = ComponentAt(page);
        _sessionLost = true;
        var before = Open(component, routeValues, page);
        before.WaitForElement("form[data-interactive=true]");
        await before.Find($"#{field}").ChangeAsync(new ChangeEventArgs { Value = typed });
        await before.Find($"#{field}").Closest("form")!.SubmitAsync();

        _sessionLost = false;
        var back = Open(component, routeValues, page);

        back.WaitForElement("[data-testid=draft-restored]");
        back.Find($"#{field}").GetAttribute("value").Should().Be(typed);
    }

    [Fact]
    public async Task The_person_picked_to_enrol_before_the_session_was_lost_is_picked_again()
    {
        var page = $"training/sessions/{Session}";
        var (component, routeValues) = ComponentAt(page);
        _sessionLost = true;
        var before = Open(component, routeValues, page);
        before.WaitForElement("form[data-interactive=true] #staffId");
        var zhaoLei = before.FindAll("#staffId fluent-option").Single(o => o.TextContent.Contains("Zhao Lei", StringComparison.Ordinal));
        await before.Find("#staffId").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "staffId", SelectedOptions = zhaoLei.Id });
        await before.Find("#staffId").Closest("form")!.SubmitAsync();

        _sessionLost = false;
        var back = Open(component, routeValues, page);

        back.WaitForElement("[data-testid=draft-restored]");
        back.FindAll("#staffId fluent-option[selected]").Select(o => o.TextContent.Trim()).Should().Equal("Zhao Lei · technician");
    }

    [Fact]
    public async Task The_move_in_typed_across_the_wizards_steps_is_back_on_the_step_the_clerk_was_on()
    {
        var page = "desk/move-in";
        var (component, routeValues) = ComponentAt(page);
        _sessionLost = true;
        var before = Open(component, routeValues, page);
        before.WaitForElement("form[data-interactive=true]");
        await before.Find("form").SubmitAsync();
        await before.Find("#resident-0-fullName").ChangeAsync(new ChangeEventArgs { Value = "Sun Li" });
        await before.Find("form").SubmitAsync();
        await before.Find("#handoverNotes").ChangeAsync(new ChangeEventArgs { Value = "Two keys, one fob" });
        await before.Find("form").SubmitAsync();
        // The review: recording it finds the session lost.
        await before.Find("form").SubmitAsync();

        _sessionLost = false;
        var back = Open(component, routeValues, page);

        back.WaitForElement("[data-testid=draft-restored]");
        back.Markup.Should().Contain("Sun Li").And.Contain("Two keys, one fob");
    }

    private IRenderedComponent<ContainerFragment> Open(Type component, Dictionary<string, object> routeValues, string page)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"{page}{(page.Contains('?') ? '&' : '?')}estate={Estate}");
        return Context.Render(builder =>
        {
            builder.OpenComponent(0, component);
            foreach (var (name, value) in routeValues)
            {
                builder.AddComponentParameter(1, name, value);
            }

            builder.CloseComponent();
        });
    }

    /// <summary>
    /// The page component routed at <paramref name="page"/> (its query aside), found as the router finds it, and the
    /// route's values (a record's id) as the router gives them.
    /// </summary>
    private static (Type Component, Dictionary<string, object> RouteValues) ComponentAt(string page)
    {
        var segments = page.Split('?')[0].Split('/');
        foreach (var type in typeof(GatewayClient).Assembly.GetTypes())
        {
            foreach (var route in type.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>())
            {
                var template = route.Template.TrimStart('/').Split('/');
                if (template.Length == segments.Length && template.Zip(segments).All(s => s.First == s.Second || s.First.StartsWith('{')))
                {
                    return (type, template.Zip(segments).Where(s => s.First.StartsWith('{'))
                        .ToDictionary(s => s.First.Trim('{', '}').Split(':')[0], s => (object)Guid.Parse(s.Second)));
                }
            }
        }

        throw new InvalidOperationException($"No page is routed at {page}.");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method != HttpMethod.Get)
        {
            return _sessionLost ? throw new SessionLostException("The session has ended.") : null;
        }

        return Records.GetValueOrDefault(path) ?? new PageOf<object>([], null);
    }
}
