"""The words that make an event, and the words that qualify it, as one table.

Each trigger is ``(kind, pattern, where)``: the event kind, a regular expression (case
ignored) and where its places are: ``after`` the trigger ("recaptured al-Tanak"),
``before`` it ("al-Tanak fell to"), as its ``subject`` right before it ("al-Tanak has
fallen"), or anywhere in its ``clause`` ("al-Tanak came under full control"; "clashes in
al-Salam"); a ``victory`` announced is the city's
(:func:`timeline.extract.areas.victory_places`). Earlier rows win where two match at one
word.

What an analyst reads in each kind:

- **capture**: a place changes hands ("took full control of", "liberated", "drove IS out
  of", "completed the liberation of", "reported the recapture of", a flag raised over
  buildings in a district); passive
  and agentless forms ("X was liberated", "X is cleared") take the places before;
- **attack**: fighting that contests a place without taking it: clashes, battles, car
  and truck bombs, shelling, rockets and mortars, artillery "pounding" a district, drones
  dropping bombs, air strikes, sniper fire, counter-attacks, chemical attacks, and entry
  ("entered", "pushed into", "broke into", "closing in on", "clearing"; "were able to
  capture X and enter Y", :data:`ACCOMPLISHED_IN`), and work still going on ("is still
  being cleared", :data:`ONGOING_BEFORE`), never a capture;
- **declaration**: a whole area declared liberated, or victory announced ("we announce
  victory", "the victory announcement will come soon": ``expected``);
- **offensive**: a push launched, taken up again or under way ("launched ... operation",
  "resumed operations to retake X", "the first day of the offensive", "advancing towards
  X"), and a siege laid or a district being surrounded ("began their siege of X", "laid
  siege to X", "were surrounding the X area"); the campaign's standing picture ("other
  forces are advancing on the city") is background
  (:func:`timeline.extract.background.campaign_backdrop`);
- overran or seized *positions* is fighting (attack); captured or seized *people* is an
  arrest (:data:`PEOPLE_AFTER`).
"""

from __future__ import annotations

import re

from timeline.extract.wordscan import starters

_FORCE = r"(?:IS|ISIS|ISIL|Daesh|Islamic State|militants|jihadists|terrorists|extremists)"
_CONTROL = (r"\b(?:took|taken|taking|seized|gained|assumed|imposed|regained|reclaimed|"
            r"wrest(?:ed)?|established|restored)\s+(?:(?:full|complete|total|near[- ]total|"
            r"firm|back)\s+)*control\s+(?:of|over)\b")
_RETAKEN = (r"\b(?:took over|seized|captured|recaptured|retook|retaken|regained|reclaimed|"
            r"liberated|freed|overran|overrun|cleared|secured)\b"
            r"|\b(?:completed|announced|declared|confirmed|reported)\s+the\s+(?:full\s+|complete\s+)?"
            r"(?:liberation|recapture|capture)\s+of\b"
            r"|\b(?:drove|driven|drive|pushed|push|ousted|oust|expelled|expel|flushed|flush|"
            r"kicked|kick|chased|chase|dislodged|dislodge)\s+"
            r"(?:[\w’'()-]+\s+){1,5}?(?:out\s+of|from)\b"
            r"|\b(?:raised|hoisted|planted)\s+(?:the\s+|an\s+)?(?:Iraqi\s+)?flags?\s+"
            r"(?:on|over|above|at)\b"
            r"|(?<=, )(?:liberating|recapturing|retaking)\b"
            r"|\bsucceeded\s+in\s+(?:liberating|recapturing|retaking|capturing)\b")
_ENTRY = (r"\b(?:attacked|stormed|storming|shelled|bombed|bombarded|targeted|raided|"
          r"launched (?:an?|their|its) (?:[\w-]+ )?attack on|entered|entering|pushed into|"
          r"pushing into|"
          r"advanced into|moved into|broke into|breaking into|breached|"
          r"clashed|clashing|battled|battling|fought|clearing|cleansing|"
          r"pounded|pounding|hammered|hammering|"
          r"clos(?:ing|ed|e)\s+in\s+on|approaching|getting\s+close\s+to)\b")
_FIGHTING = (r"\b(?:clashes|street battles|battles?(?!\s+(?:for|of)\b)|firefights?|gunfights?|"
             r"car bomb(?:s|ings?)?|"
             r"suicide (?:car )?bomb(?:s|ings?|ers?)?|shelling|mortar (?:fire|rounds|shells)|"
             r"artillery fire|air ?strikes?|air raids?|sniper fire|snipers|counter-?attacks?|"
             r"counter-?offensive|chemical (?:attacks?|agents?|gas)|drone (?:attacks?|strikes?)|"
             r"(?:truck|lorry|tanker|vehicle)[- ](?:bomb(?:s|ings?|ers?)?)|"
             r"rockets?(?:\s+fire)?|mortars|(?:armed\s+)?drones?\s+(?=dropp|drop|attack|"
             r"struck|strik)|fighting)\b")
_PUSH_NOUN = r"(?:offensive|operations?|front|assault|campaign|push|onslaught|phase|siege)"
# A siege laid or a district being surrounded is a push on it: "began their siege of X",
# "laid siege to X", "were surrounding the X area" (the -ing form with an object: "the
# surrounding villages" is an adjective, :data:`ADJECTIVE_BEFORE`).
_SIEGE = (r"\b(?:laid|lay|lays|laying)\s+siege\s+(?:to|on|around)\b"
          r"|\b(?:surrounding|encircling|besieging)\b(?=\s+(?:the\s+|al-|el-|(?-i:[A-Z])))")
# Operations taken up again are a launch: "resumed military operations to retake X".
_LAUNCH = (r"\b(?:launched|began|begun|started|opened|kicked off|resumed|recommenced|"
           r"relaunched|restarted)\b[^.;,]{0,40}?\b"
           + _PUSH_NOUN + r"\b"
           r"|\b(?:offensive|operation|assault|campaign|front|push)\b[^.;,]{0,50}?"
           r"\b(?:was |were |is |has |had )?(?:been |not |not yet |yet )*"
           r"(?:launched|began|begun|started|opened|resumed|recommenced|relaunched|"
           r"restarted|announced(?=\s+by))\b"
           r"|" + _SIEGE +
           r"|\b(?:announced|declared?)\s+the\s+(?:start|launch|beginning)\s+of\b"
           r"|\b(?:first|1st|second|third)\s+day\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
           r"(?:offensive|operation|campaign|battle)\b"
           r"|\b(?:advanc(?:ing|ed|es|e)|marching|pushing|moving|heading)\s+"
           r"(?:toward|towards|on)\b"
           r"|\b(?:advanc(?:ing|ed)|to\s+advance)\s+(?:in|into)\b")

# A victory announced now ("we announce victory") or to come ("the victory announcement
# will come soon", "victory will be announced within days"): the forecast's words are
# part of the match, so that its status is ``expected``.
_SOON = r"(?:\s+(?:will|would|could|is\s+(?:expected|set|likely)\s+to)\b)?"
_VICTORY = (r"\b(?:announce|announces|declare|declares|proclaim|proclaims)\s+(?:the\s+)?"
            r"(?:[\w-]+\s+){0,2}?victory\b"
            r"|\bvictory\s+(?:announcement|declaration)\b" + _SOON
            + r"|\b(?:announcement|declaration)\s+of\s+(?:the\s+)?(?:final\s+)?victory\b" + _SOON
            + r"|\bvictory\s+(?:will|would|could|is\s+(?:expected|set|likely)\s+to)\s+be\s+"
            r"(?:announced|declared)\b")

# (kind, pattern, where the places are)
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    ("capture", r"\b(?:fell|fallen)\s+to\b|\bcame under\s+(?:the\s+)?control\s+of\b", "before"),
    ("capture", r"\b(?:has|have|had)\s+(?:(?:now|already|just|\w+ly)\s+)?fallen\b(?!\s+to\b)",
     "subject"),
    ("capture", _CONTROL, "after"),
    ("capture", _RETAKEN, "after"),
    ("capture", r"\bunder\s+(?:(?:the|full|fully|complete)\s+)*(?:[\w’'-]+\s+){0,3}control\b",
     "clause"),
    ("capture_expected", r"\b(?:to|will|may|might|could|would|should)\s+(?:be\s+able\s+to\s+)?"
                         r"(?:fully\s+)?(?:(?:retake|recapture|capture|liberate|take|seize|free)"
                         r"\b(?!\s+(?:full\s+|complete\s+|total\s+)?control\b)"
                         r"|(?:take|regain|seize|establish|impose)\s+(?:full\s+|complete\s+|"
                         r"total\s+)?control\s+(?:of|over)\b)", "after"),
    ("offensive", _LAUNCH, "after"),
    ("arrest", r"\b(?:arrested|detained|apprehended)\b", "after"),
    ("attack", r"\bkilled\s+(?:(?:some|several|many|dozens|scores|a number|more than \d+|\d+)"
               r"\s+(?:of\s+)?)?(?:(?:IS|ISIS|Daesh|its|the)\s+)?(?:militants|terrorists|"
               r"jihadists|fighters)\b", "after"),
    ("kill", r"\bkilled\b", "kill"),
    ("attack", _ENTRY, "after"),
    ("entry_done", r"\band\s+enter\b", "after"),
    ("attack", _FIGHTING, "clause"),
    ("destruction", r"\b(?:blew up|blown up|destroyed|demolished)\b", "after"),
    ("victory", _VICTORY, "victory"),
    ("declaration", r"\b(?:declared|proclaimed|announced)\b(?=[^.;]{0,80}"
                    r"(?:caliphate|liberat|victory|from\s))", "after"),
)
TRIGGER_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p, _) in enumerate(TRIGGERS)),
                        re.IGNORECASE)
TRIGGER_STARTERS = starters(
    "fell fallen came took taken taking seized gained assumed imposed regained reclaimed wrest "
    "wrested established restored captured recaptured retook retaken liberated freed overran "
    "overrun cleared secured completed announced declared declare confirmed drove driven "
    "pushed ousted expelled flushed kicked chased dislodged drive push oust expel flush kick "
    "and chase dislodge raised hoisted planted liberating "
    "recapturing retaking succeeded under to will may might could would should launched "
    "began begun started opened kicked resumed recommenced relaunched restarted laid lay lays "
    "laying surrounding encircling besieging pounded pounding hammered hammering "
    "truck lorry tanker vehicle rockets rocket mortars drones drone reported "
    "offensive operation assault campaign front push first 1st second third advancing "
    "advanced advances advance marching pushing moving heading arrested detained apprehended "
    "killed attacked stormed storming shelled bombed bombarded targeted raided entered "
    "entering broke breaking breached clashed clashing battled battling fought clearing "
    "cleansing closing closed close approaching getting clashes street battles battle "
    "firefights firefight gunfights gunfight car suicide shelling mortar artillery air "
    "airstrike airstrikes raids sniper snipers counter counterattack counterattacks "
    "counteroffensive chemical drone fighting blew blown destroyed demolished proclaimed "
    "has have had announce announces declare declares proclaim proclaims victory "
    "announcement declaration")

NEGATION = re.compile(
    r"\b(?:not|never|no longer|no(?!\s+(?:fewer|less|more|longer)\b)|yet to|failed to|"
    r"fail to|struggl\w+|attempt\w*|tried to|"
    r"trying to|try to|seeking to|sought to|bid to|unable to|could not|couldn['’]t|"
    r"did not|didn['’]t|hasn['’]t|haven['’]t|wasn['’]t|weren['’]t)\b", re.IGNORECASE)
# "the liberated city", "its recaptured districts": a participle used as an adjective.
ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|our|these|those|newly|recently)"
                              r"\s+(?:(?:\w+ly|now)\s+)?[\"“‘']?$", re.IGNORECASE)
# A habit is no dated event: "often launching counter-attacks".
HABITUAL = re.compile(r"\b(?:often|usually|regularly|routinely|frequently|repeatedly|"
                      r"sometimes|typically)\b", re.IGNORECASE)
# Forecasts: what someone expects, hopes or plans, and what is still to be done ("eight
# neighbourhoods are left to be retaken").
EXPECTED = re.compile(
    r"\b(?:expect\w*|will|would|forecast\w*|predict\w*|set to|poised to|likely to|"
    r"hop(?:e|es|ed|ing)\b|plan\w* to|aim(?:s|ed|ing)?\b|(?-i:may|might)|could|"
    r"within (?:days|weeks|a (?:few )?(?:days?|weeks?|months?))|in the (?:next|coming)|"
    r"soon|about to|close to(?=\s+\w+ing)|left to|remain\w* to|still to|yet to be)\b",
    re.IGNORECASE)
CLAIMED = re.compile(r"\bclaim(?:s|ed|ing)?\b|\bden(?:y|ies|ied)\b|\bAmaq\b|"
                     r"\b(?:ISIS|Islamic State|militants)\s+said\b", re.IGNORECASE)
KILL_OBJECT = re.compile(r"\b(?:commander|leader|emir|wali|chief|official|governor|operative|"
                         r"deputy|aide|spokesman|(?:Abu|al-)\s?[A-Z]\w+)", re.IGNORECASE)
# "captured 12 militants" is an arrest; "overran several positions" is fighting.
_QUANTITY = (r"\s*(?:\d[\d,]*|at least|more than|about|some|dozens|hundreds|several|up to|"
             r"nearly|scores|a number|a total)\b(?:\s+(?:of|\d[\d,]*|more))*")
PEOPLE_AFTER = re.compile(_QUANTITY + r"\s+(?:[\w-]+\s+){0,2}?(?:militants|fighters|"
                          r"terrorists|jihadists|suspects|members|people|men|gunmen|"
                          r"civilians|soldiers|bombers|leaders|commanders)\b", re.IGNORECASE)
POSITIONS_AFTER = re.compile(_QUANTITY + r"\s+(?:[\w-]+\s+){0,2}?(?:positions|posts|"
                             r"checkpoints|outposts|buildings|houses|homes|trenches|"
                             r"tunnels|weapons|vehicles|cars)\b", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|is|are|being)\s+"
                            r"(?:(?:\w+ly|also|now|just|already|since)\s+)*$", re.IGNORECASE)
# Work still going on is no capture: "X is still being cleared", "still cleared",
# "in the process of retaking" contest a place (an attack) until it is said to be done.
ONGOING_BEFORE = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:\w+ly\s+|now\s+|still\s+)*being"
                            r"|still(?:\s+being)?|in\s+the\s+(?:process|midst|middle)\s+of)"
                            r"\s+$", re.IGNORECASE)
# "managed to liberate", "were able to capture": done, not a purpose.
ACCOMPLISHED_BEFORE = re.compile(r"\b(?:managed|able|succeeded)\s+$", re.IGNORECASE)
# "were able to capture X and enter Y": the bare "enter" is done, not planned.
ACCOMPLISHED_IN = re.compile(r"\b(?:managed|able|succeeded)\s+(?:to|in)\b", re.IGNORECASE)
PURPOSE_BEFORE = re.compile(r"\bto\s+$|\bin order to\s+$", re.IGNORECASE)
# "its battle to retake Mosul", "the campaign to drive IS out of": a campaign named by its
# aim, no forecast of a capture.
CAMPAIGN_AIM = re.compile(r"\b(?:battle|campaign|operation|offensive|push|fight|bid|effort|"
                          r"drive|war|mission|assault|attempt|plan|race)\s+(?:to\s+)?$",
                          re.IGNORECASE)
# Words that make an unattributed capture, offensive or declaration the advancing side's.
RETAKE = re.compile(r"retook|retaken|retake|recaptur|regain|liberat|freed|took over|cleared|"
                    r"victory", re.IGNORECASE)
