/// TOML documents covering the specification's forms, valid and invalid, for the oracle
/// comparison and as seeds of its mutations.
enum TOMLCorpus {
  static let documents: [String] = [
    // Keys.
    "key = 1\nbare_key = 2\nbare-key = 3\n1234 = 4\n",
    "\"127.0.0.1\" = 1\n\"character encoding\" = 2\n'key2' = 3\n'quoted \"value\"' = 4\n",
    "\"\" = 1\n", "'' = 1\n", "= 1\n", "a.\"b.c\".'d' = 1\n", "a . b = 1\n",
    "a.b = 1\na.c = 2\n", "a = 1\na = 2\n", "a.b = 1\na = 2\n", "a = 1\na.b = 2\n",
    "3.14159 = 'pi'\n", "a = \n", "a\n", "a = 1 b = 2\n", "\"a\nb\" = 1\n",
    "\"\\u00e9\" = 1\n", "a.b.c = 1\n[a]\nd = 2\n", "[a]\nb.c = 1\n[a.b]\nd = 2\n",
    "[a]\nb.c = 1\n[a.b.c]\nd = 2\n", "[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n",
    // Strings.
    "s = \"I'm a string. \\\"You can quote me\\\". Name\\tJos\\u00E9\\nLocation\\tSF.\"\n",
    "s = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n",
    "s = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"\n",
    "s = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n",
    "s = \"\"\"Here are fifteen quotation marks: \"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\".\"\"\"\n",
    "s = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
    "s = \"\"\"a\"\"\"\"\"\n", "s = \"\"\"a\"\"\"\"\"\"\n", "s = '''a'''''\n", "s = '''a''''''\n",
    "s = 'C:\\Users\\nodejs\\templates'\n", "s = '<\\i\\c*\\s*>'\n",
    "s = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\n",
    "s = \"\\x41\"\n", "s = \"\\u12\"\n", "s = \"\\uD800\"\n", "s = \"\\U0010FFFF\"\n",
    "s = \"\\U00110000\"\n", "s = \"a\tb\"\n", "s = \"a\u{01}b\"\n", "s = 'a\u{7F}b'\n",
    "s = \"unclosed\n", "s = 'unclosed\n", "s = \"\"\"unclosed\n", "s = \"\"\"a \\ b\"\"\"\n",
    "s = \"\"\"a \\   \n  b\"\"\"\n", "s = \"\\e\"\n", "s = \"\"\"\\\"\"\"\n",
    // Integers.
    "i = +99\nj = 42\nk = 0\nl = -17\n", "i = 1_000\nj = 5_349_221\nk = 1_2_3_4_5\n",
    "i = 0xDEADBEEF\nj = 0xdeadbeef\nk = 0xdead_beef\nl = 0o01234567\nm = 0o755\nn = 0b11010110\n",
    "i = 9223372036854775807\nj = -9223372036854775808\n", "i = 9223372036854775808\n",
    "i = 01\n", "i = 1__2\n", "i = _1\n", "i = 1_\n", "i = +0x1\n", "i = 0x\n", "i = 0b2\n",
    "i = 0o8\n", "i = 0X1\n", "i = -0\n", "i = +0\n", "i = 1e\n",
    // Floats.
    "f = +1.0\ng = 3.1415\nh = -0.01\n", "f = 5e+22\ng = 1e06\nh = -2E-2\n", "f = 6.626e-34\n",
    "f = 224_617.445_991_228\n", "f = -0.0\ng = +0.0\n", "f = inf\ng = +inf\nh = -inf\n",
    "f = nan\ng = +nan\nh = -nan\n", "f = .7\n", "f = 7.\n", "f = 3.e+20\n", "f = 1e_5\n",
    "f = 01.5\n", "f = 1.5_\n", "f = 1e400\n", "f = infinity\n", "f = NaN\n",
    // Booleans.
    "b = true\nc = false\n", "b = True\n", "b = truex\n", "b = tru\n",
    // Date-times.
    "d = 1979-05-27T07:32:00Z\ne = 1979-05-27T00:32:00-07:00\nf = 1979-05-27T00:32:00.999999-07:00\n",
    "d = 1979-05-27 07:32:00Z\n", "d = 1979-05-27T07:32:00\ne = 1979-05-27T00:32:00.999999\n",
    "d = 1979-05-27\n", "d = 07:32:00\ne = 00:32:00.999999\n", "d = 2000-02-29\n",
    "d = 1900-02-29\n", "d = 1979-13-01\n", "d = 1979-05-32\n", "d = 1979-05-27T24:00:00\n",
    "d = 1979-05-27T07:60:00\n", "d = 1979-05-27T07:32:60\n", "d = 1979-05-27T07:32\n",
    "d = 1979-05-27T:32:00\n", "d = 1979-05-27t07:32:00z\n", "d = 1979-05-27T07:32:00+24:00\n",
    "d = 1979-05-27T07:32:00.1234567891Z\n", "d = 79-05-27\n", "d = 1979-5-27\n",
    "d = [1979-05-27, 07:32:00]\n", "d = 1979-05-27 # date then comment\n",
    // Arrays.
    "a = [ 1, 2, 3 ]\nb = [ \"red\", \"yellow\", \"green\" ]\nc = [ [ 1, 2 ], [3, 4, 5] ]\n",
    "a = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\n",
    "a = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\n", "a = [\n  1,\n  2, # this is ok\n]\n", "a = [,]\n",
    "a = [1,,2]\n", "a = [1 2]\n", "a = [\n", "a = []\n", "a = [[]]\n",
    "a = [ { x = 1, y = 2, z = 3 }, { x = 7, y = 8, z = 9 } ]\n",
    // Tables.
    "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456\n",
    "[dog.\"tater.man\"]\ntype.name = \"pug\"\n", "[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n",
    "[x.y.z.w]\n[x]\n", "[fruit]\napple = \"red\"\n[fruit]\norange = \"orange\"\n",
    "[fruit]\napple = \"red\"\n[fruit.apple]\ntexture = \"smooth\"\n",
    "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
    "[fruit]\napple.color = \"red\"\n[fruit.apple]\n", "[]\n", "[a\n", "[a]]\n", "[a.]\n",
    "[a]\n[a.b]\n[a]\n", "a = {}\n[a]\n", "a = {}\n[a.b]\n", "a = [1]\n[a]\n",
    "[ a ] # comment\n", "[a] b = 1\n",
    // Inline tables.
    "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\n",
    "animal = { type.name = \"pug\" }\n", "a = { b = 1, }\n", "a = { b = 1\n}\n",
    "a = {b = 1, b = 2}\n", "a = {b.c = 1, b.d = 2}\n", "a = {b = {c = 1}, b.d = 2}\n",
    "a = {b = 1}\na.c = 2\n", "a = { }\n", "a = {,}\n",
    // Arrays of tables.
    "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]\n\n[[products]]\nname = \"Nail\"\n",
    "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"\n",
    "[fruit.physical]\ncolor = \"red\"\n[[fruit]]\n", "fruits = []\n[[fruits]]\n",
    "[[fruits]]\n[[fruits.varieties]]\n[fruits.varieties]\n",
    "[[fruits]]\n[fruits.physical]\n[[fruits.physical]]\n", "[[a]]\n[a]\n", "[a]\n[[a]]\n",
    "[[a]\n", "[[a] ]\n", "[ [a]]\n", "a = [{b = 1}]\n[[a]]\n", "[[a.b]]\n[a]\nc = 1\n",
    // Comments, white space and line ends.
    "# comment\na = 1 # comment\n", "a = 1 # \u{01}\n", "a = 1\r\nb = 2\r\n", "a = 1\rb = 2\n",
    "\n\n  \t a = 1\n", "a = 1", "a = \"\"\"x\r\ny\"\"\"\n", "\u{FEFF}a = 1\n",
    "a = [\n} ", "x = [\n}\n", "\"a\"b = 1\n", "[\na = 1\n", "a. = 1\n", "a = {b.}\n",
  ]
}
