using System;
using System.Globalization;
using System.Text;

namespace LightSerNet.Generators.Json;

/// <summary>
/// A small strict JSON parser (RFC 8259, plus // comments) for netstandard2.0 generators, where System.Text.Json
/// would have to ship inside the analyzer. Errors carry the line they occur on.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private int _position;
    private int _line = 1;

    private JsonReader(string text) => _text = text;

    public static JsonNode Parse(string text)
    {
        var reader = new JsonReader(text);
        var node = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._position < text.Length)
            throw reader.Error("unexpected text after the end of the document");
        return node;
    }

    private JsonNode ReadValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
            throw Error("unexpected end of the document");
        char c = _text[_position];
        int line = _line;
        switch (c)
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return new JsonNode(JsonKind.String, line, ReadString());
            case 't': Expect("true"); return new JsonNode(JsonKind.Bool, line, true);
            case 'f': Expect("false"); return new JsonNode(JsonKind.Bool, line, false);
            case 'n': Expect("null"); return new JsonNode(JsonKind.Null, line);
            default:
                if (c == '-' || char.IsDigit(c))
                    return new JsonNode(JsonKind.Number, line, ReadNumber());
                throw Error($"unexpected character '{c}'");
        }
    }

    private JsonNode ReadObject()
    {
        var node = new JsonNode(JsonKind.Object, _line);
        _position++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Error("expected a property name in double quotes");
            string name = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
                throw Error($"expected ':' after \"{name}\"");
            _position++;
            node.Members.Add(new(name, ReadValue()));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == '}')
                return node;
            if (next != ',')
                throw Error("expected ',' or '}' in an object");
        }
    }

    private JsonNode ReadArray()
    {
        var node = new JsonNode(JsonKind.Array, _line);
        _position++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return node;
        }
        while (true)
        {
            node.Items.Add(ReadValue());
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']')
                return node;
            if (next != ',')
                throw Error("expected ',' or ']' in an array");
        }
    }

    private string ReadString()
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
                throw Error("unterminated string");
            char c = _text[_position++];
            if (c == '"')
                return builder.ToString();
            if (c == '\n')
                throw Error("line break inside a string");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            char escape = _position < _text.Length ? _text[_position++] : '\0';
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length)
                        throw Error("bad \\u escape");
                    builder.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _position += 4;
                    break;
                default: throw Error($"bad escape '\\{escape}'");
            }
        }
    }

    private double ReadNumber()
    {
        int start = _position;
        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            _position++;
        string token = _text.Substring(start, _position - start);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error($"'{token}' is not a number");
        return value;
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            throw Error($"expected '{word}'");
        _position += word.Length;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _position++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                    _position++;
            }
            else
            {
                return;
            }
        }
    }

    private JsonSyntaxException Error(string message) => new(message, _line);
}

/// <summary>A JSON syntax error at a line of the spec.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int line) : base(message) => Line = line;

    public int Line { get; }
}
