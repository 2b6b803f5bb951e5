// Whole articles written for these tests (not the seeds), in the styles the tagger meets:
// wire copy, state media, mediators. Each expected record is one a reader would mark.
import { describe, expect, it } from 'vitest';
import { gated, triples } from './support/tagger.js';

describe('a news article', () => {
  it("a wire story with a condition, a refusal and a quote", () => {
    const text = "Putin says Russia will fight on unless Kyiv withdraws from Donbas\nMOSCOW (AP) — Russian President Vladimir Putin said Thursday that Moscow would continue its offensive unless Ukrainian forces pull out of the Donbas, hardening his stance days after talks with U.S. envoys.\nSpeaking in Bishkek, Putin said the U.S. proposals could form the basis of future agreements, but he dismissed European amendments as attempts to sabotage the process.\n\"If Ukrainian troops leave the territories they occupy, we will stop combat operations. If they don't, we will achieve this by military means,\" he said.\nUkraine's foreign minister Andrii Sybiha called the remarks an ultimatum and said Kyiv would never trade land for peace.\nIn Washington, White House press secretary Karoline Leavitt said the administration remained \"very optimistic\" about reaching a deal.\nNATO Secretary General Mark Rutte said the alliance would keep supplying weapons to Ukraine, adding that pressure on Moscow must increase.\nMeanwhile, Slovak Prime Minister Robert Fico said his country would not send weapons to Ukraine.\nPhoto: Vladimir Putin at a news conference in Bishkek. (AP Photo)\nRead more: Ukraine war latest";
    // "Russia will fight on unless Kyiv withdraws" insists on fighting on: RU opposes a ceasefire (codebook; annotation rule 5; v10b's tracker acts).
    expect(triples(text, gated)).toEqual(["NATO military_aid support", "RU ceasefire oppose", "RU territorial_concessions support", "UA territorial_concessions oppose", "US peace_plan support"]);
  });

  it("a TASS-style report with run-on speech and \"must stop\"", () => {
    const text = "Lavrov: Russia ready for talks but will not give up its security interests\nMOSCOW, November 28. /TASS/. Russia remains open to a political and diplomatic settlement of the Ukrainian crisis, but any agreement must take into account the realities on the ground, Russian Foreign Minister Sergey Lavrov said on Friday.\nAccording to the minister, the West continues to pump weapons into Ukraine, prolonging the conflict. \"The supply of Western weapons to the Kiev regime must stop,\" he stressed.\nLavrov noted that Moscow had received the American proposals and was studying them. \"Some points are acceptable, others require serious discussion,\" he said.\nThe diplomat reiterated that Ukraine's neutral, non-aligned status was a key condition for peace. He also said Russia would never agree to the deployment of any foreign contingents on Ukrainian territory.\nEarlier, Kremlin spokesman Dmitry Peskov said that President Vladimir Putin was ready to meet Zelensky only at the final stage of negotiations.";
    // "the American proposals" names their author (annotation rule 3, as "the US plan" does): v8 reads the demonym.
    expect(triples(text, gated)).toEqual(["RU foreign_troops oppose", "RU military_aid oppose", "RU nato_renunciation support", "RU negotiations support", "US peace_plan support"]);
  });

  it("mediators and a spokesperson", () => {
    const text = "Erdogan offers to host Russia-Ukraine talks, China backs dialogue\nANKARA — Turkish President Recep Tayyip Erdogan said on Tuesday that Turkey was ready to host a new round of direct peace talks between Russia and Ukraine in Istanbul, and called for an immediate ceasefire.\n\"We believe a just peace is possible. Turkey supports Ukraine's territorial integrity,\" Erdogan told reporters after a cabinet meeting.\nQatar, which has mediated the return of Ukrainian children from Russia, said it stood ready to support any diplomatic solution.\nIn Beijing, Foreign Ministry spokesperson Mao Ning said China supported all efforts conducive to peace and called on all parties to resume negotiations, but rejected Western sanctions against Chinese companies.\nKremlin spokesman Dmitry Peskov said Moscow appreciated Turkey's efforts but that Russia's position on the Donbas had not changed.";
    expect(triples(text, gated)).toEqual(["CN negotiations support", "QA negotiations support", "TR ceasefire support", "TR negotiations support", "TR territorial_concessions oppose"]);
  });

  it("both sides blaming each other: only stated positions count", () => {
    const text = "Russia and Ukraine trade blame as peace push stalls\nRussia and Ukraine accused each other on Saturday of undermining U.S.-led peace efforts, as fighting raged along the front.\nUkraine's military said Russian forces had launched more than 100 drones overnight. Kyiv said the attacks showed Moscow was not interested in peace.\nThe Kremlin said Ukraine and its European backers were trying to derail the talks by insisting on a ceasefire first.\nRussia has repeatedly rejected calls for an immediate ceasefire, saying a truce would only allow Ukraine to rearm.\nWitkoff is expected to travel to Moscow next week for further talks with Putin, the White House said.\nUkrainian officials have said they are prepared to discuss territorial issues only at a meeting of leaders.";
    // "U.S.-led peace efforts" is the US's initiative to negotiate (as "US-led" was in v7; annotation rule 6, the rn151 and rn158 decisions).
    expect(triples(text, gated)).toEqual(["RU ceasefire oppose", "US negotiations support"]);
  });
});
