using System.Text;

namespace LightSerNet.Data.Corpora;

/// <summary>Minimal RFC 4180 reading: comma-separated fields, double quotes around fields that hold commas or quotes.</summary>
internal static class CsvText
{
    public static IEnumerable<List<string>> ReadRows(string file)
    {
        foreach (var line in File.ReadLines(file))
            yield return Split(line);
    }

    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
