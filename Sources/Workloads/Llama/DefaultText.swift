/// The text `qinssim perplexity` scores when given none: a few paragraphs of plain English
/// prose written for this project (no licence concerns), about 400 tokens for SmolLM2's
/// tokenizer.
public enum DefaultText {
  public static let paragraphs = """
    The lighthouse stood at the end of a narrow spit of land, where the river met the sea. \
    For more than a hundred years its keepers had climbed the spiral stairs each evening to \
    light the lamp, and each morning they had climbed them again to put it out. The work was \
    simple, but it had to be done every day, in every kind of weather, and the families who \
    lived there learned to measure time by the tides and the seasons rather than by the clock.

    In the winter, storms came in from the west and the waves broke over the rocks below the \
    tower. The keeper would wipe the salt from the glass and trim the wick, and from the \
    gallery he could see the lights of the fishing boats as they hurried back to the harbour. \
    Sometimes a ship would lose its way in the fog, and the keeper would sound the horn for \
    hours until the danger had passed.

    When the lamp was finally replaced by an automatic beacon, the last keeper moved to the \
    village on the hill. He planted a garden, repaired his neighbours' clocks, and wrote a \
    short book about the birds that nested on the cliffs. Visitors still walk out along the \
    spit on summer afternoons. They read the names painted on the door, look up at the white \
    tower against the sky, and wonder what it was like to keep a light burning through the \
    long nights of the year.

    A good tool, like a good lighthouse, is judged by whether people can rely on it. It should \
    say plainly what it measured and how, and it should give the same answer every time it is \
    asked the same question.
    """
}
