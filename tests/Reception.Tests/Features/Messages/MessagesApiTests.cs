using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Messages;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Messages;

public sealed class MessagesApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitX;
    private Guid _unitY;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync(units: 2);
        (_estateId, _unitX, _unitY) = (estateId, unitIds[0], unitIds[1]);
        _ownerX = await reception.AddOwnerAsync(_estateId, _unitX);
    }

    private Guid _ownerX;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private HttpClient OwnerX => field ??= reception.CreateClient(TestCaller.OwnerAccount(_ownerX, _estateId, _unitX));

    private async Task<MessageResponse> WriteAsync(HttpClient owner, Guid unitId, string subject = "Noise at night")
    {
        var response = await owner.PostAsJsonAsync("/api/reception/messages",
            new { estateId = _estateId, unitId, subject, body = "The neighbours drill after 22:00." }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageResponse>(ApiJson.Options, Ct))!;
    }

    private async Task<Guid[]> UnansweredAsync() =>
        [.. (await Clerk.GetFromJsonAsync<Page<MessageResponse>>($"/api/reception/messages/unanswered?estateId={_estateId}", ApiJson.Options, Ct))!.Items.Select(m => m.Id)];

    [Fact]
    public async Task The_desk_answers_an_owners_message_in_its_thread_and_the_owner_is_notified()
    {
        var message = await WriteAsync(OwnerX, _unitX);
        message.AwaitingReply.Should().BeTrue();
        (await UnansweredAsync()).Should().Equal(message.Id);

        var answered = await Clerk.PostAsJsonAsync($"/api/reception/messages/{message.Id}/replies", new { body = "We will speak to them today." }, Ct);
        answered.StatusCode.Should().Be(HttpStatusCode.Created);
        (await UnansweredAsync()).Should().BeEmpty();
        // Through the one notification capability: the outbox, the broker, reception's consumer, the owner's inbox.
        await Eventually.Async(async () => (await OwnerX.GetFromJsonAsync<Page<NotificationResponse>>("/api/reception/notifications", ApiJson.Options, Ct))!
            .Items.Any(n => n.TemplateKey == NotificationTemplates.MessageAnswered && n.Data["messageId"] == message.Id.ToString()), TimeSpan.FromSeconds(20));

        (await OwnerX.PostAsJsonAsync($"/api/reception/messages/{message.Id}/replies", new { body = "It happened again last night." }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await UnansweredAsync()).Should().Equal(message.Id);

        var thread = (await OwnerX.GetFromJsonAsync<Page<ReplyResponse>>($"/api/reception/messages/{message.Id}/replies", ApiJson.Options, Ct))!;
        thread.Items.Select(r => r.From).Should().Equal(MessageAuthor.Owner, MessageAuthor.FrontDesk);
        var reread = (await OwnerX.GetFromJsonAsync<MessageResponse>($"/api/reception/messages/{message.Id}", ApiJson.Options, Ct))!;
        reread.ReplyCount.Should().Be(2);
        reread.FirstAnsweredAt.Should().NotBeNull();
        reread.AwaitingReply.Should().BeTrue();
    }

    [Fact]
    public async Task Owners_see_only_the_threads_they_started()
    {
        var mine = await WriteAsync(OwnerX, _unitX);
        var coOwnerOfX = reception.CreateClient(TestCaller.Owner(_estateId, _unitX));
        var ownerY = reception.CreateClient(TestCaller.Owner(_estateId, _unitY));
        var theirs = await WriteAsync(ownerY, _unitY, "Parking");

        var listX = (await OwnerX.GetFromJsonAsync<Page<MessageResponse>>("/api/reception/messages", ApiJson.Options, Ct))!;
        var listCoOwner = (await coOwnerOfX.GetFromJsonAsync<Page<MessageResponse>>("/api/reception/messages", ApiJson.Options, Ct))!;
        var desk = (await Clerk.GetFromJsonAsync<Page<MessageResponse>>($"/api/reception/messages?estateId={_estateId}", ApiJson.Options, Ct))!;

        listX.Items.Select(m => m.Id).Should().Equal(mine.Id);
        listCoOwner.Items.Should().BeEmpty();
        desk.Items.Select(m => m.Id).Should().Equal(theirs.Id, mine.Id);
        (await OwnerX.GetAsync($"/api/reception/messages/{theirs.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await OwnerX.GetAsync($"/api/reception/messages/{theirs.Id}/replies", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await coOwnerOfX.PostAsJsonAsync($"/api/reception/messages/{mine.Id}/replies", new { body = "Me too" }, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await OwnerX.GetAsync($"/api/reception/messages/unanswered?estateId={_estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_owner_writes_only_about_their_own_unit_and_the_desk_only_replies()
    {
        var aboutAnothersUnit = await OwnerX.PostAsJsonAsync("/api/reception/messages",
            new { estateId = _estateId, unitId = _unitY, subject = "Hi", body = "Hello there" }, Ct);
        var byClerk = await Clerk.PostAsJsonAsync("/api/reception/messages",
            new { estateId = _estateId, unitId = _unitX, subject = "Hi", body = "Hello there" }, Ct);
        var message = await WriteAsync(OwnerX, _unitX);
        var (otherEstate, _) = await reception.NewEstateAsync();
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));

        aboutAnothersUnit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherClerk.GetAsync($"/api/reception/messages/{message.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/messages/{message.Id}/replies", new { body = "Hello" }, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OwnerMessages.CountAsync(m => m.EstateId == _estateId, Ct));
        stored.Should().Be(1);
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var badMessage = await OwnerX.PostAsJsonAsync("/api/reception/messages", new { estateId = _estateId, subject = " ", body = "" }, Ct);
        var message = await WriteAsync(OwnerX, _unitX);
        var badReply = await Clerk.PostAsJsonAsync($"/api/reception/messages/{message.Id}/replies", new { body = "  " }, Ct);

        (await badMessage.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["unitId", "subject", "body"]);
        (await badReply.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("body");
        var (messages, replies) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            return (await db.OwnerMessages.CountAsync(m => m.EstateId == _estateId, Ct), await db.MessageReplies.CountAsync(r => r.EstateId == _estateId, Ct));
        });
        messages.Should().Be(1);
        replies.Should().Be(0);
        (await UnansweredAsync()).Should().Equal(message.Id);
    }

    [Fact]
    public async Task An_unanswered_message_breaches_its_5_minutes_to_the_supervisor_and_the_manager_sets_the_staffed_hours()
    {
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateId));
        var badHours = await manager.PutAsJsonAsync($"/api/reception/estates/{_estateId}/online-service-hours", new { opensAt = "22:00", closesAt = "07:00" }, Ct);
        var byClerk = await Clerk.PutAsJsonAsync($"/api/reception/estates/{_estateId}/online-service-hours", new { opensAt = "00:00", closesAt = "23:59" }, Ct);
        var hours = await manager.PutAsJsonAsync($"/api/reception/estates/{_estateId}/online-service-hours", new { opensAt = "00:00", closesAt = "23:59" }, Ct);

        (await badHours.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("closesAt");
        byClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        hours.StatusCode.Should().Be(HttpStatusCode.OK);
        var messageId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == _estateId, Ct);
            var message = OwnerMessage.Write(_estateId, _unitX, "Lift stuck?", "Is the lift being repaired?", "owner-x", "Li Na",
                estate.OnlineServiceCalendar(), DateTimeOffset.UtcNow.AddMinutes(-10));
            db.OwnerMessages.Add(message);
            await db.SaveChangesAsync(Ct);
            return message.Id;
        });

        await reception.CheckDeadlinesAsync();

        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == messageId).ToListAsync(Ct));
        events.Should().Contain(e => e.Kind == SlaEventKind.Breached && e.NotifiedRole == PlatformRoles.CustomerServiceSupervisor && e.Policy == OwnerMessage.AnswerRule.Name);
        var shown = (await Clerk.GetFromJsonAsync<MessageResponse>($"/api/reception/messages/{messageId}", ApiJson.Options, Ct))!;
        shown.AnswerBreached.Should().BeTrue();
        shown.AnswerDueAt.Should().BeBefore(DateTimeOffset.UtcNow);
    }
}
