using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>A registry import file of one estate: <c>rows</c> units in 20 buildings, one in five with its owner.</summary>
public static class RegistryFiles
{
    private static readonly string[] Columns =
        ["buildingCode", "buildingName", "number", "floor", "floorArea", "usage", "status", "ownerName", "ownerPhone", "ownerIdNumber"];

    public static byte[] Csv(int rows, int seed)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in Rows(rows, seed))
        {
            csv.AppendJoin(',', row).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] Xlsx(int rows, int seed)
    {
        var sheet = Rows(rows, seed).Select(row => Columns.Select((c, i) => (c, v: row[i])).ToDictionary(x => x.c, x => (object)x.v));
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    private static IEnumerable<string[]> Rows(int rows, int seed)
    {
        const int Buildings = 20;
        var perBuilding = (rows + Buildings - 1) / Buildings;
        for (var i = 0; i < rows; i++)
        {
            var building = (i / perBuilding) + 1;
            var inBuilding = i % perBuilding;
            var floor = (inBuilding / 10) + 1;
            var owned = i % 5 == 0;
            var owner = (seed * 1_000_000) + i;
            yield return
            [
                building.ToString(CultureInfo.InvariantCulture), $"Building {building}", $"{floor}{(inBuilding % 10) + 1:00}",
                floor.ToString(CultureInfo.InvariantCulture), (60 + (i % 90)).ToString(CultureInfo.InvariantCulture), "Residential", "Occupied",
                owned ? $"Owner {owner}" : "", owned ? $"139{owner:00000000}" : "", owned ? $"1101011990{owner:00000000}" : "",
            ];
        }
    }
}
