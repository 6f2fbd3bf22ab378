using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Http;

public sealed class KeysetCursorTests
{
    [Fact]
    public void A_cursor_reads_back_as_the_row_it_was_made_from()
    {
        var cursor = new KeysetCursor(new DateTimeOffset(2026, 11, 23, 8, 30, 15, 123, TimeSpan.Zero).AddTicks(4567), Guid.NewGuid());

        KeysetCursor.Decode(cursor.Encode()).Should().Be(cursor);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("MTIzOnh5eg")]
    [InlineData("%%%")]
    public void A_cursor_the_service_did_not_make_is_a_field_error(string cursor)
    {
        var decode = () => KeysetCursor.Decode(cursor);

        decode.Should().Throw<ValidationFailedException>().Which.Errors.Should().ContainKey("cursor");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void A_page_size_outside_1_to_100_is_a_field_error(int limit)
    {
        var validate = () => KeysetCursor.ValidateLimit(limit);

        validate.Should().Throw<ValidationFailedException>().Which.Errors.Should().ContainKey("limit");
    }

    [Fact]
    public void No_page_size_means_the_default()
    {
        KeysetCursor.ValidateLimit(null).Should().Be(KeysetCursor.DefaultLimit);
    }
}
