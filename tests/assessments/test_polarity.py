"""Polarity by phenomenon, on sentences of our own: metaphors of a relationship's state,
corrections ("no longer A but B"), comparatives against appearances, concessive clauses, and the
shifts of ``assessments/shifts.py`` (past states, ended states, pretence)."""

from __future__ import annotations

import pytest

from dyadscope.pipeline import process_doc
from dyadscope.records import Article

pytestmark = pytest.mark.slow


def _polarities(nlp, kb, text):
    article = Article(doc_id="t", text=text, date="2024-03-01")
    return [(a.dyad, a.polarity) for a in process_doc(nlp(text), article, kb=kb).assessments]


CASES = [
    # metaphors (knowledge/data/assessments/metaphors.jsonl)
    ("Relations between Peru and Bolivia are in a deep freeze.", ("BOL", "PER"), "negative"),
    ("Ties between Chile and Argentina have hit a rough patch.", ("ARG", "CHL"), "negative"),
    ("The partnership between Uruguay and Paraguay is at a crossroads.", ("PRY", "URY"), "mixed"),
    ("Relations between Ecuador and Colombia remain on ice.", ("COL", "ECU"), "negative"),
    # a correction: the relationship is what follows "but"
    ("For Lima, Bolivia is no longer an awkward neighbour but an enemy.", ("BOL", "PER"), "negative"),
    ("Chilean officials now describe Peru not as a rival but as a partner.", ("CHL", "PER"), "positive"),
    # a comparative measured against appearances is mixed; against time it keeps its sign
    ("Relations between Peru and Chile are warmer than the border quarrels suggest.", ("CHL", "PER"), "mixed"),
    ("The alliance between Ghana and Togo is weaker than it looks.", ("GHA", "TGO"), "mixed"),
    ("Relations between Peru and Ecuador are better than at any time since the war.", ("ECU", "PER"), "positive"),
    ("Relations between Chile and Peru are the worst since the 1970s.", ("CHL", "PER"), "negative"),
    # a concessive clause about the same relationship makes it two-sided
    ("Although ties between Chile and Peru have warmed, deep mistrust persists.", ("CHL", "PER"), "mixed"),
    ("Ties between Chile and Peru have warmed, although suspicion lingers on both sides.", ("CHL", "PER"), "mixed"),
    # faint praise limits a positive judgement; "a little more" does not
    ("Ties between Lima and Quito are cordial at best.", ("ECU", "PER"), "mixed"),
    ("The partnership between Ghana and Togo is merely functional.", ("GHA", "TGO"), "mixed"),
    ("The alliance between Chile and Peru is little more than a cordial arrangement.", ("CHL", "PER"), "mixed"),
    ("Relations between Chile and Peru have become a little more cordial.", ("CHL", "PER"), "positive"),
    # two modifiers set against each other by "but", only one of them a cue
    ("Uruguay is a small but loyal ally of Argentina.", ("ARG", "URY"), "mixed"),
    # a degree word is signed by what it describes: serious problems are bad
    ("Relations between Chile and Peru face serious problems.", ("CHL", "PER"), "negative"),
    ("Chile and Peru have a strategic partnership.", ("CHL", "PER"), "positive"),
    # a partial denial is mixed; a full one turns the cue
    ("Chilean officials do not entirely trust Peru.", ("CHL", "PER"), "mixed"),
    ("Relations between Chile and Peru are not always smooth.", ("CHL", "PER"), "mixed"),
    ("Chile is not a reliable partner for Peru.", ("CHL", "PER"), "negative"),
    # how a relationship looks gives way to how it is
    ("Chile and Peru are allies on paper and adversaries in practice.", ("CHL", "PER"), "negative"),
    ("Relations between Lima and Quito are cordial in form and empty in substance.", ("ECU", "PER"), "negative"),
    ("Bolivia and Paraguay are allies in name only.", ("BOL", "PRY"), "negative"),
    # a plain denial of the bad concedes strain; "no longer", "far from" and a contrast turn it
    ("Relations between Ghana and Togo are not in crisis, a Ghanaian minister said.", ("GHA", "TGO"), "mixed"),
    ("Relations between Ghana and Togo are no longer hostile.", ("GHA", "TGO"), "positive"),
    ("Relations between Bolivia and Paraguay are far from a rift.", ("BOL", "PRY"), "positive"),
    ("Peru and Chile are partners, not rivals.", ("CHL", "PER"), "positive"),
    # recovery in the passive is a direction; a quantity next to nothing is negative
    ("Trust between Chile and Peru is being rebuilt.", ("CHL", "PER"), "positive"),
    # shift.tentative: a slow or tentative recovery is two-sided; a steady one is not
    ("Trust between Chile and Peru is being rebuilt slowly.", ("CHL", "PER"), "mixed"),
    ("Chile and Peru are enjoying a tentative rapprochement.", ("CHL", "PER"), "mixed"),
    ("Ties between Peru and Ecuador are steadily recovering.", ("ECU", "PER"), "positive"),
    ("Military contacts between Chile and Bolivia amount to next to nothing.", ("BOL", "CHL"), "negative"),
    # a phrase with a possessive is matched as the tokenizer splits it
    ("The relationship between Chile and Peru is a lovers' quarrel, a Chilean diplomat said.", ("CHL", "PER"), "mixed"),
    # a frame verb with a preposition and an "as" phrase
    ("Chilean diplomats often refer to Argentina as a difficult neighbour.", ("ARG", "CHL"), "negative"),
    ("Peruvian diplomats speak of Chile as a demanding but loyal partner.", ("CHL", "PER"), "mixed"),
    # shift.correction: "not ... as A but as B" after a frame verb is B
    ("Bolivia does not see Chile as an enemy but as a friend.", ("BOL", "CHL"), "positive"),
    # shift.past_state: a state the relationship has left gives way to the present one
    ("Relations between Chile and Peru were once hostile but are now friendly.", ("CHL", "PER"), "positive"),
    ("Once bitter rivals, Ghana and Togo are now close allies.", ("GHA", "TGO"), "positive"),
    ("In the past, Chile and Peru were enemies, but now they are friends.", ("CHL", "PER"), "positive"),
    ("Ties between Peru and Ecuador, tense for years, are now improving.", ("ECU", "PER"), "positive"),
    ("Relations between Chile and Peru have been tense for years.", ("CHL", "PER"), "negative"),
    # shift.ended_state: a state that is over turns; one that is not over does not
    ("The friendship between Chile and Bolivia is over.", ("BOL", "CHL"), "negative"),
    ("The feud between Peru and Ecuador has ended.", ("ECU", "PER"), "positive"),
    ("The rivalry between Chile and Peru is not over.", ("CHL", "PER"), "negative"),
    # shift.pretence: a modifier that doubts the relationship word denies it
    ("The so-called brotherhood between Peru and Bolivia has delivered little.", ("BOL", "PER"), "negative"),
    # negation: "anything but"; an equative against the past turns, against appearances is mixed
    ("Relations between Peru and Ecuador are anything but warm.", ("ECU", "PER"), "negative"),
    ("Chile and Peru are no longer as close as they used to be.", ("CHL", "PER"), "negative"),
    ("Chile and Peru are not as close as they seem.", ("CHL", "PER"), "mixed"),
    # a clause conjunct does not take the copula's "not" away from it
    ("Relations between Chile and Peru are not bad, but nobody calls them warm.", ("CHL", "PER"), "mixed"),
    # a "yet" clause whose subject is one of the pair qualifies the judgement
    ("Chile and Peru are close partners, yet Lima keeps Santiago at arm's length.", ("CHL", "PER"), "mixed"),
    ("The relationship between Chile and Peru is a mixture of cooperation and rivalry.", ("CHL", "PER"), "mixed"),
    # an elliptical concession joins the judgement
    ("Relations between Peru and Chile are good, if not warm.", ("CHL", "PER"), "mixed"),
    ("Relations between Peru and Ecuador are better, though far from perfect.", ("ECU", "PER"), "mixed"),
    # a modal over a denied comparative states the present: as good or as bad as it gets
    ("Relations between Chile and Argentina could hardly be better.", ("ARG", "CHL"), "positive"),
    ("Relations between Chile and Peru could not be worse.", ("CHL", "PER"), "negative"),
    # "this good" after a negator is a superlative, like "so good"
    ("Relations between Chile and Peru have seldom been this good.", ("CHL", "PER"), "positive"),
    ("Ghana and Togo have not been this close in decades.", ("GHA", "TGO"), "positive"),
    # a comparative against what people assume is mixed, even when the tagger takes the verb for a noun
    ("The partnership between Chile and Peru is stronger than many assume.", ("CHL", "PER"), "mixed"),
    # idioms
    ("Relations between Chile and Bolivia have gone from strength to strength.", ("BOL", "CHL"), "positive"),
    # idioms read whole (metaphors.jsonl, domain "idiom"): none of their words is a cue alone
    ("Ecuador and Peru are thick as thieves.", ("ECU", "PER"), "positive"),
    ("Ecuador and Peru get on like a house on fire.", ("ECU", "PER"), "positive"),
    ("Chile and Bolivia have little love lost for each other.", ("BOL", "CHL"), "negative"),
    ("Ghana and Togo fight like cat and dog.", ("GHA", "TGO"), "negative"),
    ("Chile and Peru are strange bedfellows.", ("CHL", "PER"), "mixed"),
    # a subject quantified to few or none negates its clause; "a few" does not
    ("Few Chilean diplomats trust Peru.", ("CHL", "PER"), "negative"),
    ("A few Chilean diplomats trust Peru.", ("CHL", "PER"), "positive"),
    ("Ghana and Togo remain close, though few would call them allies.", ("GHA", "TGO"), "mixed"),
    # shift.conceded_qualifier: a manner conceded after "though"/"if" qualifies a positive judgement,
    # also when the parser takes "though" for a preposition or the concession has no verb
    ("Chile regards Peru as a good neighbour, though a difficult one.", ("CHL", "PER"), "mixed"),
    ("Ecuador sees Peru as a loyal partner, if a demanding one.", ("ECU", "PER"), "mixed"),
    ("Relations between Ghana and Togo are good, though difficult.", ("GHA", "TGO"), "mixed"),
    ("Relations between Chile and Peru are good, and the difficult talks are over.", ("CHL", "PER"), "positive"),
    # a relationship noun compared with a stand-in that names the pair
    ("There are few closer partnerships in Africa than the one between Ghana and Togo.", ("GHA", "TGO"), "positive"),
    ("There are few warmer relationships in Europe than that between Spain and Portugal.", ("ESP", "PRT"), "positive"),
    # anchor.than_between: a superlative comparison whose standard is the pair
    ("Nowhere have ties soured faster than between Quito and Lima.", ("ECU", "PER"), "negative"),
    ("Nowhere in Europe have relations improved more than between Spain and Portugal.", ("ESP", "PRT"), "positive"),
    ("In no region has trust grown faster than between Ghana and Togo.", ("GHA", "TGO"), "positive"),
    ("Nowhere is suspicion deeper than between Chile and Bolivia.", ("BOL", "CHL"), "negative"),
    # a noun of disagreement conceded against a judgement is its strain (assess_strain_nouns)
    ("Ecuador and Peru remain close, though arguments over fishing never quite go away.", ("ECU", "PER"), "mixed"),
    ("Chile and Peru remain close, though disputes over water persist.", ("CHL", "PER"), "mixed"),
    ("Trust between Chile and Peru remains in short supply.", ("CHL", "PER"), "negative"),
    ("The relationship between Peru and Bolivia is built on sand.", ("BOL", "PER"), "negative"),
    # shift.qualified_noun: a manner qualifies a positive noun; a denying modifier does not qualify
    ("Bolivia and Chile are uneasy allies.", ("BOL", "CHL"), "mixed"),
    ("Lima's relationship with Santiago is one of grudging respect.", ("CHL", "PER"), "mixed"),
    ("Chile is an unreliable friend of Peru.", ("CHL", "PER"), "negative"),
    ("Chile and Peru are allies of convenience.", ("CHL", "PER"), "mixed"),
    # a degree word on a verb is signed by the verb's subject
    ("Mistrust between Chile and Peru runs deep.", ("CHL", "PER"), "negative"),
    ("The friendship between Chile and Peru runs deep.", ("CHL", "PER"), "positive"),
    # a frame verb with a "with" phrase of attitude
    ("Peru regards Chile with deep suspicion.", ("CHL", "PER"), "negative"),
    # shift.rhetoric: what is said gives way to what the relationship is
    ("Despite warm words, relations between Chile and Peru remain cool.", ("CHL", "PER"), "negative"),
    # a positive word softens a negative noun; a degree word does not
    ("Chile and Peru are friendly rivals.", ("CHL", "PER"), "mixed"),
    ("Chile and Peru are strategic rivals.", ("CHL", "PER"), "negative"),
    # "if" before a bare adjective concedes
    ("Relations between Chile and Peru are cordial, if cool.", ("CHL", "PER"), "mixed"),
    # a "but" clause about the relationship's trust joins the judgement
    ("Relations between Chile and Peru have improved somewhat, but trust remains thin.", ("CHL", "PER"), "mixed"),
    # shift.conceded_limit: a limit conceded after the judgement, in a phrase with no verb of its own
    ("Chile and Peru remain partners, though hardly enthusiastic ones.", ("CHL", "PER"), "mixed"),
    ("Chile is a friend of Peru, but not an uncritical one.", ("CHL", "PER"), "mixed"),
    ("Relations between Chile and Peru are improving, but slowly and unevenly.", ("CHL", "PER"), "mixed"),
    ("Relations between Chile and Peru have warmed, if only a little.", ("CHL", "PER"), "mixed"),
    ("Bolivia regards Chile as a good neighbour, though a difficult one, a senior Bolivian diplomat said.",
     ("BOL", "CHL"), "mixed"),
    ("Relations between Chile and Peru are warm, said the minister, Ana Ruiz, speaking in Lima.", ("CHL", "PER"), "positive"),
    # a negation before "but" stays with the first part
    ("Chile and Peru are no longer rivals, but not yet friends.", ("CHL", "PER"), "mixed"),
    # shift.past_state read in the text: the marker right before a cue dates it
    ("Peru and Chile, once friends, are now estranged.", ("CHL", "PER"), "negative"),
    ("Peru and Chile, once foes, are now allies.", ("CHL", "PER"), "positive"),
    ("What was once a close alliance between Chile and Peru has curdled into suspicion.", ("CHL", "PER"), "negative"),
    # a free relative naming the past state is read with the verb of change it is the subject of
    ("What was a warm friendship between Chile and Peru has soured into open hostility.", ("CHL", "PER"), "negative"),
    # verbs of change: an end verb turns the state, a repair verb's object is what was repaired
    ("The chill between Peru and Chile has lifted.", ("CHL", "PER"), "positive"),
    ("The friendship between Chile and Peru, long celebrated at summits, has withered.", ("CHL", "PER"), "negative"),
    ("Chile and Peru have patched up their differences and are now firm friends.", ("CHL", "PER"), "positive"),
    # a verb of growth used as a copula is judged by its complement; "keeps growing" by the subject of "keeps"
    ("Ghana and Togo have grown more distant.", ("GHA", "TGO"), "negative"),
    ("The gulf between Accra and Lomé keeps growing.", ("GHA", "TGO"), "negative"),
    # "nowhere near" negates like "not": an equative against what officials claim is mixed
    ("Relations between Ghana and Togo are nowhere near as warm as officials claim.", ("GHA", "TGO"), "mixed"),
    # shift.pretence: what the pair is only supposed to be
    ("Ghana and Togo are supposed to be partners, yet they have not held a summit in six years.", ("GHA", "TGO"), "negative"),
    # shift.relative_contrast: a relative clause that sets the other side against a role noun
    ("Peru and Chile are allies who often disagree.", ("CHL", "PER"), "mixed"),
    ("Chile and Bolivia are enemies who depend on one another for water.", ("BOL", "CHL"), "mixed"),
    ("Chile and Peru are partners who trust each other.", ("CHL", "PER"), "positive"),
    # what someone only pretends is denied
    ("Peruvian officials have stopped pretending that Ecuador is a friend.", ("ECU", "PER"), "negative"),
    # a polar noun moved by a verb of direction is signed into it, not added to it
    ("The old suspicions between Ecuador and Peru have faded.", ("ECU", "PER"), "positive"),
    ("Mistrust between Chile and Peru has deepened.", ("CHL", "PER"), "negative"),
    # a quotation said "of relations with B" judges that relationship; a "not" hung on the first of two predicates
    ("'We are neighbours, not friends,' Peruvian senator Luis Ortega said of relations with Ecuador.",
     ("ECU", "PER"), "negative"),
    ("'We are true friends,' the Ecuadorian foreign minister said of ties with Peru.", ("ECU", "PER"), "positive"),
    ("Chile and Peru are neighbours, not friends.", ("CHL", "PER"), "negative"),
]


@pytest.mark.parametrize("text, dyad, polarity", CASES, ids=[t[:40] for t, *_ in CASES])
def test_polarity_phenomenon(nlp, kb, text, dyad, polarity):
    assert _polarities(nlp, kb, text) == [(dyad, polarity)]


def test_polarity_relative_pronoun_speaker_is_its_antecedent(nlp, kb):
    text = ("Chile and Peru are getting on better than at any time since the border dispute, according to "
            "Peruvian officials, who point to a new fisheries accord.")
    article = Article(doc_id="t", text=text, date="2024-03-01")
    found = process_doc(nlp(text), article, kb=kb).assessments
    assert [(a.dyad, a.polarity, a.holder.text) for a in found] == [(("CHL", "PER"), "positive", "Peruvian officials")]


def test_polarity_a_comparison_without_a_superlative_word_names_no_pair(nlp, kb):
    assert _polarities(nlp, kb, "Trade has grown faster than between Spain and Portugal.") == []


def test_polarity_a_noun_of_disagreement_alone_is_no_judgement(nlp, kb):
    assert _polarities(nlp, kb, "Chile and Peru have a long dispute over water.") == []


def test_polarity_a_quantifier_speaker_is_no_holder(nlp, kb):
    text = "Ghana and Togo remain close, though few would call them allies."
    article = Article(doc_id="t", text=text, date="2024-03-01")
    found = process_doc(nlp(text), article, kb=kb).assessments
    assert [(a.dyad, a.polarity, a.holder) for a in found] == [(("GHA", "TGO"), "mixed", None)]


def test_polarity_concession_about_something_else_stays_out(nlp, kb):
    text = "Although Peru's economy is weak, relations between Peru and Chile are warm."
    assert _polarities(nlp, kb, text) == [(("CHL", "PER"), "positive")]


def test_polarity_a_clause_after_but_is_a_contrast_not_a_correction(nlp, kb):
    text = "Relations between Lima and Quito are not beyond repair, but they are far from friendly."
    assert _polarities(nlp, kb, text) == [(("ECU", "PER"), "mixed")]


def test_polarity_a_partys_economy_is_not_its_attitude(nlp, kb):
    assert _polarities(nlp, kb, "Chile's economy remains heavily dependent on Chinese demand.") == []
    assert _polarities(nlp, kb, "Bolivia is heavily dependent on Brazil.") == [(("BOL", "BRA"), "mixed")]


def test_polarity_a_direction_verb_with_an_object_is_an_act(nlp, kb):
    assert _polarities(nlp, kb, "Chile and Peru restored diplomatic ties in 2019.") == []
    assert _polarities(nlp, kb, "Tensions between Chile and Peru have eased.") == [(("CHL", "PER"), "positive")]


def test_polarity_another_holders_reaction_in_an_apposition_stays_out(nlp, kb):
    text = "Peruvian officials call Chile a loyal partner, a description the Bolivian press rejects as naive."
    assert _polarities(nlp, kb, text) == [(("CHL", "PER"), "positive")]


def test_polarity_a_contrast_clause_of_another_holder_stays_apart(nlp, kb):
    text = ("Chilean officials insist that relations with Peru have never been better, "
            "but diplomats in Lima describe them as chilly.")
    found = [(a.dyad, a.polarity) for a in process_doc(nlp(text), Article(doc_id="t", text=text, date="2024-03-01"),
                                                       kb=kb).assessments]
    assert (("CHL", "PER"), "positive") in found
    assert (("CHL", "PER"), "mixed") not in found


def test_polarity_a_condition_stays_a_condition(nlp, kb):
    assert _polarities(nlp, kb, "Relations between Chile and Peru could sour if the talks fail.") == []
    assert _polarities(nlp, kb, "Relations between Chile and Peru would be better without the border dispute.") == []
    assert _polarities(nlp, kb, "If relations between Chile and Peru were better, trade would grow.") == []


def test_polarity_another_pairs_clause_after_but_stays_apart(nlp, kb):
    text = "Relations between Chile and Peru are good, but relations between Chile and Bolivia are poor."
    assert _polarities(nlp, kb, text) == [(("CHL", "PER"), "positive"), (("BOL", "CHL"), "negative")]


def test_polarity_a_view_set_against_the_speakers_is_its_subjects(nlp, kb):
    text = "Peruvian officials say ties with Chile are strong, though many Peruvians view Santiago with suspicion."
    found = process_doc(nlp(text), Article(doc_id="t", text=text, date="2024-03-01"), kb=kb).assessments
    assert [(a.dyad, a.polarity, a.holder.text) for a in found] == [
        (("CHL", "PER"), "positive", "Peruvian officials"), (("CHL", "PER"), "negative", "many Peruvians")]


def test_polarity_a_relationship_called_a_threat_to_a_third_party_is_close(nlp, kb):
    text = "The deepening partnership between Chile and Peru is a threat to Bolivia, La Paz says."
    assert _polarities(nlp, kb, text) == [(("CHL", "PER"), "positive")]
    assert _polarities(nlp, kb, "Peru is a threat to Chile.") == [(("CHL", "PER"), "negative")]
    assert _polarities(nlp, kb, "Chile sees Peru as a threat.") == [(("CHL", "PER"), "negative")]


def test_polarity_a_quotation_said_of_a_meeting_judges_no_relationship(nlp, kb):
    assert _polarities(nlp, kb, "'The talks were long,' the Peruvian minister said of the meeting with Ecuador.") == []
