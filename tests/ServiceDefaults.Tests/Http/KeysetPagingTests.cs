using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Tests.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Http;

public sealed class KeysetPagingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_cover_every_row_once_newest_first_even_when_timestamps_tie()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var tie = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var notes = Enumerable.Range(1, 7)
            .Select(n => new Note { Id = Guid.NewGuid(), Number = n, At = n <= 5 ? tie : tie.AddMinutes(n) })
            .ToList();
        await harness.WithDbAsync(async db =>
        {
            db.Notes.AddRange(notes);
            return await db.SaveChangesAsync(Ct);
        });

        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var page = await harness.WithDbAsync(db => db.Notes.AsNoTracking()
                .ToKeysetPageAsync(n => n.At, n => n.Id, cursor, 3, n => n.Number, Ct));
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Should().BeEquivalentTo(Enumerable.Range(1, 7));
        seen.Take(2).Should().Equal(7, 6);
    }

    [Fact]
    public async Task A_foreign_cursor_is_refused_as_a_field_error()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);

        var read = () => harness.WithDbAsync(db => db.Notes.ToKeysetPageAsync(n => n.At, n => n.Id, "bogus", null, n => n.Number, Ct));

        (await read.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("cursor");
    }
}
